import { once } from 'node:events';
import { refusedPort } from '@textpulse/ports';
import { ThrowawayRedis } from '@textpulse/redis';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogLines } from '../../../test/support/logs.js';
import { rateLimitRedis } from './rate-limit-store.js';

const UNREACHABLE = 'Redis unreachable: rate limits are not enforced until it is back';
const REACHABLE = 'Redis reachable again: rate limits enforced';

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

describe('the rate-limit Redis client over its life', () => {
  let server: ThrowawayRedis;
  beforeAll(async () => {
    server = await new ThrowawayRedis().start();
  });
  afterAll(() => server.stop());

  /** A Fastify instance whose log lines `logs` keeps, as the API's are. */
  const logged = (logs: LogLines) => Fastify({ logger: { level: 'info', stream: logs } });

  it('is ready as soon as Redis answers, however long REDIS_TIMEOUT_MS, and ends quietly with the app', async () => {
    const logs = new LogLines();
    const fastify = logged(logs);
    // An hour: start-up waits for the connection, not for the deadline.
    const redis = await rateLimitRedis(fastify, server.url, 3_600_000);
    expect(redis.status).toBe('ready');
    await fastify.close();
    if (redis.status !== 'end') await once(redis, 'end');
    expect(logs.saying(UNREACHABLE)).toEqual([]);
  });

  it('lets start-up go on after REDIS_TIMEOUT_MS when Redis accepts but never answers', async () => {
    const fastify = Fastify();
    server.pause();
    try {
      const redis = await rateLimitRedis(fastify, server.url, 200);
      expect(redis.status).not.toBe('ready');
    } finally {
      server.unpause();
      await fastify.close();
    }
  });

  it('warns once per outage with its reason, and says when Redis is back', async () => {
    const logs = new LogLines();
    const fastify = logged(logs);
    const host = new URL(server.url).host;
    await rateLimitRedis(fastify, server.url, TIMEOUT_MS);
    try {
      await server.halt();
      await logs.until(UNREACHABLE);
      await server.resume();
      await logs.until(REACHABLE);
      expect(logs.saying(UNREACHABLE)).toEqual([
        expect.objectContaining({ level: 40, redis: host, reason: 'connection closed' }),
      ]);
      expect(logs.saying(REACHABLE)).toEqual([expect.objectContaining({ level: 30, redis: host })]);

      logs.lines.length = 0;
      await server.halt();
      await logs.until(UNREACHABLE);
      await server.resume();
      await logs.until(REACHABLE);
      expect(logs.saying(UNREACHABLE)).toHaveLength(1);
    } finally {
      await fastify.close();
    }
  });

  it('names the connection error when Redis is not there at all', async () => {
    const logs = new LogLines();
    const fastify = logged(logs);
    await rateLimitRedis(fastify, `redis://127.0.0.1:${await refusedPort()}`, TIMEOUT_MS);
    try {
      await logs.until(UNREACHABLE);
      expect(logs.saying(UNREACHABLE)).toEqual([
        expect.objectContaining({ reason: expect.stringMatching(/ECONNREFUSED/) }),
      ]);
    } finally {
      await fastify.close();
    }
  });
});
