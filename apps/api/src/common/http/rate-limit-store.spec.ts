import { ThrowawayRedis } from '@textpulse/redis';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { rateLimitRedis } from './rate-limit-store.js';

const TIMEOUT_MS = 1000;

/** Whether `promise` has settled, read without waiting for it. */
function settlement(promise: Promise<unknown>) {
  const state = { settled: false, error: undefined as unknown };
  promise.then(
    () => {
      state.settled = true;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

describe('the rate-limit Redis client, when Redis stops answering', () => {
  let server: ThrowawayRedis;
  let fastify: FastifyInstance;
  let redis: Redis;

  beforeAll(async () => {
    server = await new ThrowawayRedis().start();
    fastify = Fastify();
    redis = await rateLimitRedis(fastify, server.url, TIMEOUT_MS);
    expect(redis.status).toBe('ready');
  });
  afterEach(() => {
    vi.useRealTimers();
    server.unpause();
  });
  afterAll(async () => {
    await fastify.close();
    await server.stop();
  });

  it('gives up on a command after REDIS_TIMEOUT_MS, not before', async () => {
    server.pause();
    // Only the timers: the command's own clock, read by ioredis as it sends the command.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const command = settlement(redis.incr('textpulse:probe'));
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS - 1);
    expect(command.settled, 'still waiting one millisecond before the limit').toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(command.settled).toBe(true);
    expect(String(command.error)).toMatch(/Command timed out/);
  });
});
