import {
  type AnyEndpoint,
  isJsonContentType,
  problem,
  unsupportedMediaTypeDetail,
  validateRequest,
} from '@textpulse/contracts';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { sendProblem } from '../problems/send-problem.js';

/**
 * Validates each request of a contract route with its declared schemas before Nest sees it:
 * path parameters, query and body. Failures are answered here, as 415 or 422 problem+json,
 * without throwing, so the invalid path costs about what the valid one does. The handler
 * receives the parsed parts (coerced, defaults applied).
 */
function validation(endpoint: AnyEndpoint): preHandlerHookHandler {
  return (request, reply, done) => {
    if (endpoint.body && !isJsonContentType(request.headers['content-type'])) {
      const detail = unsupportedMediaTypeDetail(request.headers['content-type']);
      sendProblem(request, reply, problem('unsupported-media-type', { detail }));
      return;
    }
    const result = validateRequest(endpoint, request);
    if (!result.success) {
      sendProblem(request, reply, result.problem);
      return;
    }
    // Stryker disable ConditionalExpression: an operation without one of these parts has no handler that reads it.
    if (endpoint.params) request.params = result.data.params;
    if (endpoint.query) request.query = result.data.query;
    if (endpoint.body) request.body = result.data.body;
    // Stryker restore ConditionalExpression
    done();
  };
}

/** Attaches the validation to every route that serves a contract operation, as Fastify adds it. */
export function registerContractValidation(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const endpoint = route.config?.endpoint;
    if (!endpoint) return;
    route.preHandler = [route.preHandler ?? [], validation(endpoint)].flat();
  });
}
