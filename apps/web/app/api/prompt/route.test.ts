import {
  type ContractMockServer,
  fault,
  serveContractMocks,
} from '@textpulse/contracts-testing/mocks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pastTheDeadline } from '@/lib/testing/deadline';
import { expectDocumentedAnswer } from '@/lib/testing/documented';

let api: ContractMockServer;
let POST: (request: Request) => Promise<Response>;
const prompt = 'Summarize: the release is fast, the docs are thin.';
// Never reached by a real clock: the 504 test moves a fake one past it.
const API_TIMEOUT_MS = 60_000;

/** Calls the route handler; every answer is checked against the API document first. */
async function post(body: unknown): Promise<Response> {
  const response = await POST(
    new Request('http://localhost:3000/api/prompt', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  await expectDocumentedAnswer(response, 'prompt');
  return response;
}

beforeAll(async () => {
  api = await serveContractMocks();
  vi.stubEnv('API_URL', api.url);
  vi.stubEnv('API_TIMEOUT_MS', String(API_TIMEOUT_MS));
  ({ POST } = await import('./route'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

describe('POST /api/prompt', () => {
  it('forwards the prompt and its options and returns the answer with its attempts', async () => {
    const answer = {
      model: 'local',
      output: 'Gist: fast release.',
      attempts: [{ model: 'local', ok: true, duration_ms: 2 }],
    };
    api.use({ answers: { prompt: answer } });
    const response = await post({ prompt, models: ['local'], temperature: 0 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(answer);
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      url: '/v1/prompt',
      json: { prompt, models: ['local'], temperature: 0 },
    });
  });

  it('keeps the attempts of a 502 from the API', async () => {
    const failure = {
      type: '/problems/upstream-failed',
      title: 'Every model failed',
      status: 502,
      attempts: [
        { model: 'openai:x', ok: false, duration_ms: 5, error: 'HTTP 500 from the provider' },
      ],
    };
    api.use({
      answers: { prompt: fault.raw(502, failure, { contentType: 'application/problem+json' }) },
    });
    const response = await post({ prompt });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ ...failure, instance: '/api/prompt' });
  });

  it('answers 504 when the API is slower than API_TIMEOUT_MS', async () => {
    // An API that would answer long after the timeout: only the timeout can end this.
    api.use({ answers: { prompt: fault.delay(600_000) } });
    const response = await pastTheDeadline(api, API_TIMEOUT_MS, () => post({ prompt }));
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({
      title: 'Gateway Timeout',
      status: 504,
      instance: '/api/prompt',
    });
  });

  it('answers 422 for models that break the contract, before any API call', async () => {
    const before = api.requests.length;
    const response = await post({ prompt, models: [] });
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual([
      expect.objectContaining({ path: '/models', code: 'too_small' }),
    ]);
    expect(api.requests.length).toBe(before);
  });
});
