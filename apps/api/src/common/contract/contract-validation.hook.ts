import {
  type EndpointDeclaration,
  endpoints,
  isJsonContentType,
  PROBLEM_MEDIA_TYPE,
  problem,
  problemFromZodError,
  unsupportedMediaTypeDetail,
} from '@textpulse/contracts';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import { instanceOf } from '../problems/request-problems.js';

/**
 * Validates the body of every contract operation with its Zod schema before Nest sees the
 * request. Failures are answered here, as 415 or 422 problem+json, without throwing: the
 * invalid path costs about what the valid one does. The handler receives the parsed body
 * (defaults applied).
 */
export function registerContractValidation(fastify: FastifyInstance): void {
  const withBody = new Map<string, EndpointDeclaration>();
  for (const endpoint of Object.values(endpoints) as EndpointDeclaration[]) {
    if (endpoint.body) withBody.set(`${endpoint.method.toUpperCase()} ${endpoint.path}`, endpoint);
  }

  fastify.addHook(
    'preHandler',
    (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const schema = withBody.get(`${request.method} ${request.routeOptions.url}`)?.body;
      if (!schema) return done();
      const contentType = request.headers['content-type'];
      if (!isJsonContentType(contentType)) {
        const detail = unsupportedMediaTypeDetail(contentType);
        void reply
          .code(415)
          .type(PROBLEM_MEDIA_TYPE)
          .send(problem(415, { detail, instance: instanceOf(request) }));
        return;
      }
      const parsed = schema.safeParse(request.body);
      if (!parsed.success) {
        void reply
          .code(422)
          .type(PROBLEM_MEDIA_TYPE)
          .send(problemFromZodError(parsed.error, { instance: instanceOf(request) }));
        return;
      }
      request.body = parsed.data;
      done();
    },
  );
}
