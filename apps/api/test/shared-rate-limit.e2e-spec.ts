import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { refusedPort } from '@textpulse/ports';
import { ThrowawayRedis } from '@textpulse/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { api, expectProblem } from './support/documented.js';
import { LogLines } from './support/logs.js';

const text = 'A perfectly ordinary sentence to analyze.';
const UNREACHABLE = 'Redis unreachable: rate limits are not enforced until it is back';
const REACHABLE = 'Redis reachable again: rate limits enforced';

/**
 * An API replica whose rate-limit counters live in Redis at `redisUrl`; `logs` gets its lines. A
 * generous REDIS_TIMEOUT_MS by default: a slow answer on a busy machine must not fail open.
 */
const replica = (redisUrl: string, logs = new LogLines(), timeoutMs = '2000') =>
  createApp(
    loadConfig({
      LOG_LEVEL: 'info',
      DATA_DIR: 'memory',
      RATE_LIMIT_MAX: '3',
      AUTH_RATE_LIMIT_MAX: '2',
      REDIS_URL: redisUrl,
      REDIS_TIMEOUT_MS: timeoutMs,
      // Each test is its own end user (X-Forwarded-For), so no test sees another's counter.
      TRUST_PROXY: '127.0.0.1, ::1',
    }),
    { logStream: logs },
  );

/** POST /v1/analyze for the end user `client`, through a proxy the replica trusts. */
const analyzeFor = (app: NestFastifyApplication, client: string) =>
  api(app).post('/v1/analyze').set('x-forwarded-for', client).send({ text });

describe('rate limits with REDIS_URL', () => {
  let redis: ThrowawayRedis;
  beforeAll(async () => {
    redis = await new ThrowawayRedis().start();
  });
  afterAll(() => redis.stop());

  it('are shared by the replicas: the limit counts requests to either', async () => {
    const [first, second] = await Promise.all([replica(redis.url), replica(redis.url)]);
    try {
      await analyzeFor(first, '203.0.113.1').expect(200);
      await analyzeFor(second, '203.0.113.1').expect(200);
      await analyzeFor(first, '203.0.113.1').expect(200);
      expectProblem(await analyzeFor(second, '203.0.113.1'), 429);
      expectProblem(await analyzeFor(first, '203.0.113.1'), 429);
      await analyzeFor(second, '203.0.113.2').expect(200);
      // Under a prefix of their own, beside whatever else the Redis keeps.
      const keys = new Redis(redis.url);
      try {
        expect(await keys.keys('*')).toEqual([
          expect.stringMatching(/^textpulse:rate-limit:/),
          expect.stringMatching(/^textpulse:rate-limit:/),
        ]);
      } finally {
        keys.disconnect();
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('share the limit on sign-in attempts too: an account is tried at most so often through all of them', async () => {
    const [first, second] = await Promise.all([replica(redis.url), replica(redis.url)]);
    const signIn = (app: NestFastifyApplication, client: string) =>
      api(app)
        .post('/v1/auth/sign-in')
        .set('x-forwarded-for', client)
        .send({ email: 'shared@example.com', password: 'a guess at the password' });
    try {
      expectProblem(await signIn(first, '203.0.113.11'), 401);
      expectProblem(await signIn(second, '203.0.113.12'), 401);
      expectProblem(await signIn(first, '203.0.113.13'), 429);
      expectProblem(await signIn(second, '203.0.113.14'), 429);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('let requests through while Redis is down, warn once, and apply again once it is back', async () => {
    const logs = new LogLines();
    const app = await replica(redis.url, logs);
    try {
      await analyzeFor(app, '203.0.113.3').expect(200);
      await redis.halt();
      for (let i = 0; i < 5; i += 1) await analyzeFor(app, '203.0.113.3').expect(200);
      expect(logs.saying(UNREACHABLE)).toEqual([
        expect.objectContaining({ level: 40, redis: new URL(redis.url).host }),
      ]);

      await redis.resume();
      await logs.until(REACHABLE);
      for (let i = 0; i < 3; i += 1) await analyzeFor(app, '203.0.113.3').expect(200);
      expectProblem(await analyzeFor(app, '203.0.113.3'), 429);
      expect(logs.saying(UNREACHABLE)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('let requests through when Redis does not answer (each waits at most REDIS_TIMEOUT_MS)', async () => {
    const app = await replica(redis.url, new LogLines(), '200');
    try {
      redis.pause();
      for (let i = 0; i < 5; i += 1) await analyzeFor(app, '203.0.113.4').expect(200);
    } finally {
      redis.unpause();
      await app.close();
    }
  });

  it('do not keep the API from starting when Redis is not there', async () => {
    const logs = new LogLines();
    const app = await replica(`redis://127.0.0.1:${await refusedPort()}`, logs);
    try {
      for (let i = 0; i < 5; i += 1) await analyzeFor(app, '203.0.113.5').expect(200);
      await logs.until(UNREACHABLE);
    } finally {
      await app.close();
    }
  });
});
