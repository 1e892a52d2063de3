import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';

/**
 * The Redis client that keeps the rate-limit counters when REDIS_URL is set, so that every replica
 * counts against the same limits. Start-up waits for the connection, `timeoutMs` at most. It
 * never holds a request up for long: a command waits at most `timeoutMs`, and fails at once while
 * there is no connection (none is queued to run late; ioredis goes on reconnecting). A failed
 * command lets its request through unlimited (fail open, see registerSecurity); losing Redis logs
 * one warning, getting it back one info line. The client disconnects when the app closes.
 */
export async function rateLimitRedis(
  fastify: FastifyInstance,
  url: string,
  timeoutMs: number,
): Promise<Redis> {
  const redis = new Redis(url, {
    // Stryker disable next-line BooleanLiteral: with maxRetriesPerRequest 0 a queued command fails at the first reconnect attempt anyway; the queue changes only how soon, which no test can time.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
  });
  const where = new URL(url).host;
  let reachable = true;
  let closing = false;
  const lost = (reason: string) => {
    if (!reachable || closing) return;
    reachable = false;
    fastify.log.warn(
      { redis: where, reason },
      'Redis unreachable: rate limits are not enforced until it is back',
    );
  };
  redis.on('error', (error: Error) => lost(error.message));
  redis.on('close', () => lost('connection closed'));
  redis.on('ready', () => {
    if (reachable) return;
    reachable = true;
    fastify.log.info({ redis: where }, 'Redis reachable again: rate limits enforced');
  });
  fastify.addHook('onClose', async () => {
    closing = true;
    redis.disconnect();
  });
  // Rejected by the first connection error (refused, or the ready check's command timing out):
  // start-up goes on either way.
  await once(redis, 'ready').catch(() => undefined);
  return redis;
}
