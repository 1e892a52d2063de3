import { rateLimitDetail } from '@textpulse/contracts';
import { type ContractMockServer, serveContractMocks } from '@textpulse/contracts-testing/mocks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { askChain as AskChain } from './actions';

let api: ContractMockServer;
let askChain: typeof AskChain;
/** The headers of the request the Server Action runs for. */
let requestHeaders = new Headers();
vi.mock('next/headers', () => ({ headers: async () => requestHeaders }));

const answer = {
  model: 'local',
  output: 'Gist: fast release.',
  attempts: [{ model: 'local', ok: true, duration_ms: 2 }],
};

/** The prompt form as a browser without JavaScript posts it, from `client`. */
const askAs = (client: string) => {
  requestHeaders = new Headers({ 'x-forwarded-for': client });
  const form = new FormData();
  form.set('prompt', 'Summarize: the release is fast, the docs are thin.');
  form.set('models', '');
  form.set('max_tokens', '');
  form.set('temperature', '');
  return askChain({}, form);
};

beforeAll(async () => {
  api = await serveContractMocks({ answers: { prompt: answer } });
  vi.stubEnv('API_URL', api.url);
  vi.stubEnv('RATE_LIMIT_MAX', '2');
  vi.stubEnv('RATE_LIMIT_WINDOW_S', '60');
  ({ askChain } = await import('./actions'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

describe('the prompt form without JavaScript (Server Action)', () => {
  it("holds a client to the web tier's limit, as the route handlers do, without calling the API", async () => {
    expect((await askAs('203.0.113.7')).answer).toEqual(answer);
    expect((await askAs('203.0.113.7')).answer).toEqual(answer);
    const before = api.requests.length;
    const limited = await askAs('203.0.113.7');
    expect(limited.answer).toBeUndefined();
    const retryInS = Number(limited.problem?.detail?.match(/retry in (\d+) s/)?.[1]);
    expect(retryInS).toBeGreaterThan(0);
    expect(limited.problem).toMatchObject({
      status: 429,
      detail: rateLimitDetail(2, 60, retryInS),
      instance: '/prompt',
    });
    expect(limited.values?.prompt).toBe('Summarize: the release is fast, the docs are thin.');
    expect(api.requests.length).toBe(before);
    expect((await askAs('203.0.113.8')).answer).toEqual(answer);
  });
});
