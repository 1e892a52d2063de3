import type { FastifyInstance } from 'fastify';

/**
 * Every body reaches the routes as the bytes that arrived (up to Fastify's bodyLimit), whatever
 * its Content-Type: the request gate (contract-validation.hook.ts) decides what they may be.
 */
export function registerRawBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
}
