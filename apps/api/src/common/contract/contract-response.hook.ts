import { EVENT_STREAM_MEDIA_TYPE, PROBLEM_MEDIA_TYPE, problem } from '@textpulse/contracts';
import type { FastifyInstance, preSerializationHookHandler } from 'fastify';
import { instanceOf } from '../problems/send-problem.js';

/**
 * Parses the success body of each contract route with its operation's schema before it is
 * serialized: unknown fields are stripped, and a body that breaks the contract becomes a logged
 * 500 problem instead of reaching the client. Problems (any other status) and event streams
 * (checked event by event by sendEventStream) pass as they are. A Fastify hook, not a Nest
 * interceptor: the same check without an Observable per request.
 */
export function registerContractResponses(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const endpoint = route.config?.endpoint;
    const schema = endpoint?.success.schema;
    // Stryker disable next-line ConditionalExpression: Fastify runs no preSerialization hook for a stream payload; the test keeps the check from being attached where it could never be right.
    if (!endpoint || !schema || endpoint.success.mediaType === EVENT_STREAM_MEDIA_TYPE) return;
    const check: preSerializationHookHandler<unknown> = (request, reply, payload, done) => {
      if (reply.statusCode !== endpoint.success.status) return done(null, payload);
      const parsed = schema.safeParse(payload);
      if (parsed.success) return done(null, parsed.data);
      request.log.error(
        {
          err: new Error(`The ${endpoint.operationId} handler broke its response contract`, {
            cause: parsed.error,
          }),
        },
        'Request failed with an unexpected error',
      );
      void reply.code(500).type(PROBLEM_MEDIA_TYPE);
      done(null, { ...problem('internal-error'), instance: instanceOf(request) });
    };
    route.preSerialization = [route.preSerialization ?? [], check].flat();
  });
}
