import { type AnalyzeResponse, BODY_LIMIT_BYTES } from '@textpulse/contracts';
import {
  type ContractMockServer,
  fault,
  serveContractMocks,
} from '@textpulse/contracts-testing/mocks';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtApiServer } from '@/lib/testing/built-server';
import { expectDocumentedAnswer } from '@/lib/testing/documented';

let api: ContractMockServer;
let POST: (request: Request) => Promise<Response>;

const text = 'Ada Lovelace wrote the first program in London.';
const analysis: AnalyzeResponse = {
  sentiment_score: 0.2,
  sentiment_label: 'positive',
  word_count: 9,
  entities: [{ text: 'Ada Lovelace', type: 'person', start: 0, end: 12 }],
};

/** Calls the route handler; every answer is checked against the API document first. */
async function post(body: string, contentType: string | null = 'application/json') {
  const headers = contentType ? { 'content-type': contentType } : undefined;
  // Bytes, not a string: a string body would get a text/plain Content-Type of its own.
  const bytes = new TextEncoder().encode(body);
  const response = await POST(
    new Request('http://localhost:3000/api/analyze', { method: 'POST', body: bytes, headers }),
  );
  await expectDocumentedAnswer(response, 'analyze');
  return response;
}

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return response.json();
}

const builtApi = builtApiServer();

beforeAll(async () => {
  [api] = await Promise.all([serveContractMocks(), builtApi.start()]);
  vi.stubEnv('API_URL', api.url);
  ({ POST } = await import('./route'));
});
beforeEach(() => {
  api.requests.length = 0;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([api.close(), builtApi.stop()]);
});

describe('POST /api/analyze', () => {
  it('forwards a valid body, defaults applied, and returns the API answer', async () => {
    // A key the contract does not declare, which the web tier drops.
    const withExtra = { ...analysis, debug: 'stripped' };
    api.use({ answers: { analyze: withExtra } });
    const response = await post(JSON.stringify({ text }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(analysis);
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/v1/analyze',
        json: { text, extract_entities: false },
      }),
    ]);
  });

  it('answers 422 before any API call, with the body the API gives', async () => {
    const body = JSON.stringify({ text: 'Too short', colour: 'red' });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    const fromApi = await builtApi.send('/v1/analyze', init);
    const response = await post(body);
    expect(response.status).toBe(422);
    expect(fromApi.status).toBe(422);
    expect(await problemOf(response)).toEqual({
      ...(await fromApi.json()),
      instance: '/api/analyze',
    });
    expect(api.requests).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"text": ', 'application/json', 400],
    [
      'a body over the limit',
      JSON.stringify({ text: 'a'.repeat(BODY_LIMIT_BYTES) }),
      'application/json',
      413,
    ],
    ['plain text', 'hello world, hello', 'text/plain', 415],
    ['no content type', '{}', null, 415],
  ])(
    'answers %s with its problem, before any API call',
    async (_name, body, contentType, status) => {
      const response = await post(body, contentType);
      expect(response.status).toBe(status);
      expect(await problemOf(response)).toMatchObject({ status, instance: '/api/analyze' });
      expect(api.requests).toEqual([]);
    },
  );

  it("passes the API's own problem through, with its Retry-After", async () => {
    const problem = {
      type: '/problems/rate-limited',
      title: 'Too Many Requests',
      status: 429,
      instance: '/v1/analyze',
    };
    api.use({
      answers: {
        analyze: fault.raw(429, problem, {
          contentType: 'application/problem+json',
          headers: { 'retry-after': '42' },
        }),
      },
    });
    const response = await post(JSON.stringify({ text }));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('42');
    expect(await problemOf(response)).toEqual({ ...problem, instance: '/api/analyze' });
  });

  it('answers 502 when the API answers garbage', async () => {
    api.use({ answers: { analyze: fault.offContract({ sentiment_score: 'high' }) } });
    const response = await post(JSON.stringify({ text }));
    expect(response.status).toBe(502);
    expect(await problemOf(response)).toEqual({
      type: '/problems/api-bad-answer',
      title: 'Bad Gateway',
      status: 502,
      detail: 'The TextPulse API answered 200 with a body that breaks its contract.',
      instance: '/api/analyze',
    });
  });

  it('answers 502 when the API answers 200 with a body that is not JSON', async () => {
    api.use({ answers: { analyze: fault.raw(200, '{"sentiment_score": ') } });
    const response = await post(JSON.stringify({ text }));
    expect(response.status).toBe(502);
    expect(await problemOf(response)).toMatchObject({ title: 'Bad Gateway', status: 502 });
  });

  it('answers 502 when the API answers an error that is not problem+json', async () => {
    api.use({ answers: { analyze: fault.html(500) } });
    const response = await post(JSON.stringify({ text }));
    expect(response.status).toBe(502);
  });
});
