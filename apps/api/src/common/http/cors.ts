import fastifyCors from '@fastify/cors';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';

/**
 * CORS for the browser origins of CORS_ORIGINS, by @fastify/cors (preflights, the allowed origin
 * reflected, `Vary: Origin`), whose work runs only for a request that carries an `Origin` header:
 * browsers send one on every cross-origin request and preflight. Any other request (a server, the
 * web tier's own calls, curl) gets `Vary: Origin` alone, which is all the plugin would have added.
 * The plugin adds one request hook for every request; it is kept here and run behind that test.
 */
export async function registerCors(
  fastify: FastifyInstance,
  origins: readonly string[],
): Promise<void> {
  let corsHook: onRequestHookHandler | undefined;
  const keepingItsHook = new Proxy(fastify, {
    get(target, property) {
      if (property === 'addHook') {
        return (name: string, hook: onRequestHookHandler) => {
          if (name !== 'onRequest' || corsHook) {
            throw new Error(`@fastify/cors added a ${name} hook this wrapper does not expect`);
          }
          corsHook = hook;
          return keepingItsHook;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  await new Promise<void>((resolve, reject) =>
    fastifyCors(keepingItsHook, { origin: [...origins] }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  const hook = corsHook;
  if (!hook) throw new Error('@fastify/cors added no request hook');
  fastify.addHook('onRequest', function corsWhenOrigin(request, reply, done) {
    if (request.headers.origin !== undefined) return hook.call(this, request, reply, done);
    void reply.header('vary', 'Origin');
    done();
  });
}
