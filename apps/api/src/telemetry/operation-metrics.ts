import type { FastifyInstance } from 'fastify';
import type { ApiMetrics } from './metrics.js';

/**
 * Records each answered request of a contract operation, when metrics are exported: its
 * duration by operationId, method and status (`error.type` is the status of a 5xx), and a refusal
 * by a rate limit (the only source of a 429).
 */
export function registerOperationMetrics(fastify: FastifyInstance, metrics: ApiMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const endpoint = request.routeOptions.config.endpoint;
    if (endpoint) {
      const status = reply.statusCode;
      const operation = { 'textpulse.operation.id': endpoint.operationId };
      metrics.operationDuration.record(reply.elapsedTime / 1000, {
        ...operation,
        'http.request.method': request.method,
        'http.response.status_code': status,
        ...(status >= 500 ? { 'error.type': String(status) } : {}),
      });
      if (status === 429) metrics.rateLimitRejections.add(1, operation);
    }
    done();
  });
}
