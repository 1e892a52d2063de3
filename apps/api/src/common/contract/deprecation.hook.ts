import { deprecationHeaders } from '@textpulse/contracts';
import type { FastifyInstance, onSendHookHandler } from 'fastify';

/**
 * Every answer of a deprecated operation, success or problem, carries its Deprecation, Sunset
 * and successor Link headers (computed once, when the route is registered): a client learns that
 * the operation is going away from any call it makes.
 */
export function registerDeprecationHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const deprecated = route.config?.endpoint?.deprecated;
    if (!deprecated) return;
    const headers = deprecationHeaders(deprecated);
    const announce: onSendHookHandler = (_request, reply, payload, done) => {
      void reply.headers(headers);
      done(null, payload);
    };
    route.onSend = [route.onSend ?? [], announce].flat();
  });
}
