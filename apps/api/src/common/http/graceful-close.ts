import type { FastifyInstance } from 'fastify';

/**
 * Once the server starts closing (SIGTERM, SIGINT or app.close()), in-flight requests finish
 * but their keep-alive connections are not kept: each response says `Connection: close`, so the
 * server can exit as soon as the last one is sent instead of waiting out idle keep-alives.
 */
export function registerGracefulClose(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}
