import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { FastifyInstance } from 'fastify';
import { routeTemplate } from '../common/http/route-template.js';

/**
 * Gives each request's span its route, the contract's path template (`/v1/analyses/{id}`, never
 * the path with its ids): the HTTP instrumentation names the span `POST /v1/analyses/{id}` and
 * sets `http.route` on it and on its duration metric from what is set here.
 */
export function registerRouteNames(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const pattern = request.routeOptions.url;
    const metadata = getRPCMetadata(context.active());
    if (pattern !== undefined && metadata?.type === RPCType.HTTP) {
      metadata.route = routeTemplate(pattern);
    }
    done();
  });
}
