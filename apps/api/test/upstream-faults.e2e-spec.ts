import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';
import { expectNoLeakedHandles } from './support/handles.js';
import { ATTEMPT_TIMEOUT_MS, DEADLINE_MS, HANG_BOUND_MS } from './support/timing.js';

const path = '/v1/prompt';
const prompt = 'Tell me something about the fallback chain.';
describe('upstream faults on POST /v1/prompt', () => {
  it.each([
    ['slow past the attempt timeout', 'slow', `Timed out after ${ATTEMPT_TIMEOUT_MS} ms`],
    ['hanging', 'hang', `Timed out after ${ATTEMPT_TIMEOUT_MS} ms`],
    ['answering 500', 'fail-500', 'HTTP 500 from the provider'],
    [
      'answering 429 with Retry-After',
      'rate-limited',
      'HTTP 429 from the provider (Retry-After: 7)',
    ],
    ['sending malformed JSON', 'malformed', 'Malformed response from the provider'],
    ['resetting the connection mid-body', 'reset', expect.stringMatching(/provider/)],
  ])(
    'reports a provider %s as a 502 before the deadline, and leaks nothing',
    async (_name, model, error) => {
      await expectNoLeakedHandles(async () => {
        const fake = await new FakeOpenAI().start();
        const app: NestFastifyApplication = await createTestApp({
          TEXTPULSE_MODELS: `openai:${model}`,
          OPENAI_BASE_URL: fake.baseURL,
          MODEL_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS),
          PROMPT_DEADLINE_MS: String(HANG_BOUND_MS),
        });
        const ada = await signUp(app);
        try {
          const response = await api(app, ada).post(path).send({ prompt });
          expectProblem(response, 502);
          expect(response.body.attempts).toEqual([
            { model: `openai:${model}`, ok: false, duration_ms: expect.any(Number), error },
          ]);
        } finally {
          await app.close();
          await fake.stop();
        }
      });
    },
  );

  it('answers 504 when two slow models outlast the deadline, and leaks nothing', async () => {
    await expectNoLeakedHandles(async () => {
      const fake = await new FakeOpenAI().start();
      const app = await createTestApp({
        TEXTPULSE_MODELS: 'openai:hang,openai:slow,local',
        OPENAI_BASE_URL: fake.baseURL,
        MODEL_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS),
        PROMPT_DEADLINE_MS: String(DEADLINE_MS),
      });
      const ada = await signUp(app);
      try {
        const abandoned = fake.abandoned('slow');
        const response = await api(app, ada).post(path).send({ prompt });
        expectProblem(response, 504);
        // The deadline, not an attempt timeout, ended the second attempt, and the chain stopped.
        expect(response.body).toMatchObject({
          type: '/problems/deadline-exceeded',
          detail: `No model answered within the ${DEADLINE_MS} ms deadline.`,
        });
        expect(response.body.attempts).toEqual([
          {
            model: 'openai:hang',
            ok: false,
            duration_ms: expect.any(Number),
            error: `Timed out after ${ATTEMPT_TIMEOUT_MS} ms`,
          },
          {
            model: 'openai:slow',
            ok: false,
            duration_ms: expect.any(Number),
            error: `Request deadline of ${DEADLINE_MS} ms exceeded`,
          },
        ]);
        // Answered at the deadline, not when the models give up: the slow request was dropped
        // before its answer.
        await abandoned;
      } finally {
        await app.close();
        await fake.stop();
      }
    });
  });
});
