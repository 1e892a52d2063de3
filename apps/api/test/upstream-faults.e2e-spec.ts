import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { expectDocumented, expectProblem } from './support/documented.js';
import { FakeOpenAI } from './support/fake-openai.js';

const path = '/v1/prompt';
const prompt = 'Tell me something about the fallback chain.';
const MODEL_TIMEOUT_MS = 300;
const DEADLINE_MS = 1000;

/** Handles this process holds open, by kind, ignoring the ones vitest itself keeps. */
const openHandles = () =>
  process
    .getActiveResourcesInfo()
    .filter((kind) => kind === 'Timeout' || kind === 'TCPSocketWrap' || kind === 'TCPServerWrap');

describe('upstream faults on POST /v1/prompt', () => {
  it.each([
    ['slow past the attempt timeout', 'slow', 502, `Timed out after ${MODEL_TIMEOUT_MS} ms`],
    ['hanging', 'hang', 502, `Timed out after ${MODEL_TIMEOUT_MS} ms`],
    ['answering 500', 'fail-500', 502, 'HTTP 500 from the provider'],
    [
      'answering 429 with Retry-After',
      'rate-limited',
      502,
      'HTTP 429 from the provider (Retry-After: 7)',
    ],
    ['sending malformed JSON', 'malformed', 502, 'Malformed response from the provider'],
    ['resetting the connection mid-body', 'reset', 502, expect.stringMatching(/provider/)],
  ])(
    'reports a provider %s, within the deadline, and leaks nothing',
    async (_name, model, status, error) => {
      const before = openHandles().length;
      const fake = await new FakeOpenAI().start();
      const app: NestFastifyApplication = await createTestApp({
        TEXTPULSE_MODELS: `openai:${model}`,
        OPENAI_BASE_URL: fake.baseURL,
        MODEL_TIMEOUT_MS: String(MODEL_TIMEOUT_MS),
        PROMPT_DEADLINE_MS: String(DEADLINE_MS),
      });
      try {
        const started = performance.now();
        const response = await request(app.getHttpServer()).post(path).send({ prompt });
        expect(performance.now() - started).toBeLessThan(DEADLINE_MS);
        expectProblem(response, status);
        expectDocumented(response, 'post', path);
        expect(response.body.attempts).toEqual([
          { model: `openai:${model}`, ok: false, duration_ms: expect.any(Number), error },
        ]);
      } finally {
        await app.close();
        await fake.stop();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(openHandles().length).toBeLessThanOrEqual(before);
    },
  );

  it('answers 504 when two slow models outlast the deadline, and leaks nothing', async () => {
    const before = openHandles().length;
    const fake = await new FakeOpenAI().start();
    const app = await createTestApp({
      TEXTPULSE_MODELS: 'openai:hang,openai:slow,local',
      OPENAI_BASE_URL: fake.baseURL,
      MODEL_TIMEOUT_MS: '400',
      PROMPT_DEADLINE_MS: '600',
    });
    try {
      const started = performance.now();
      const response = await request(app.getHttpServer()).post(path).send({ prompt });
      const elapsed = performance.now() - started;
      expectProblem(response, 504);
      expect(elapsed).toBeGreaterThanOrEqual(595);
      expect(elapsed).toBeLessThan(1200);
      expect(response.body.attempts.map((attempt: { model: string }) => attempt.model)).toEqual([
        'openai:hang',
        'openai:slow',
      ]);
    } finally {
      await app.close();
      await fake.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openHandles().length).toBeLessThanOrEqual(before);
  });
});
