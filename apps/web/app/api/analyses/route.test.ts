import { signUpCaller } from '@textpulse/processes';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtApiServer } from '@/lib/testing/built-server';
import { expectDocumentedAnswer } from '@/lib/testing/documented';
import { FakeApi } from '@/lib/testing/fake-api';

const api = new FakeApi();
const builtApi = builtApiServer();
let POST: (request: Request) => Promise<Response>;

const text = 'Ada Lovelace wrote the first program in London.';
const stored = {
  id: '019a8b2c-3d4e-7f60-8a1b-2c3d4e5f6a7b',
  created_at: '2026-11-22T12:00:00.000Z',
  version: '0.1.0',
  text,
  extract_entities: false,
  result: { sentiment_score: 0.2, sentiment_label: 'positive', word_count: 9 },
};

const session = 'textpulse.session_token=abc.def%3D';

/** Calls the route handler; every answer is checked against the API document first. */
async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await POST(
    new Request('http://localhost:3000/api/analyses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'localhost:3000', ...headers },
      body: new TextEncoder().encode(JSON.stringify(body)),
    }),
  );
  await expectDocumentedAnswer(response, 'createAnalysis');
  return response;
}

beforeAll(async () => {
  await Promise.all([api.start(), builtApi.start()]);
  vi.stubEnv('API_URL', api.url);
  ({ POST } = await import('./route'));
});
beforeEach(() => {
  api.requests.length = 0;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([api.stop(), builtApi.stop()]);
});

describe('POST /api/analyses', () => {
  it("answers 201 with the stored analysis and this app's page of it as Location", async () => {
    api.reply(201, stored, 'application/json', { location: `/v1/analyses/${stored.id}` });
    const response = await post({ text });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/history/${stored.id}`);
    expect(await response.json()).toEqual(stored);
    expect(api.requests).toEqual([
      { method: 'POST', url: '/v1/analyses', body: { text, extract_entities: false } },
    ]);
  });

  it('rejects what the database could not hold (NUL) with the 422 the API gives, before any API call', async () => {
    const body = { text: `${text}\u0000` };
    const fromApi = await builtApi.send('/v1/analyses', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await signUpCaller(builtApi.url)).headers,
      },
      body: JSON.stringify(body),
    });
    const response = await post(body);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ ...(await fromApi.json()), instance: '/api/analyses' });
    expect(api.requests).toEqual([]);
  });

  it("passes the API's 503 through with its Retry-After", async () => {
    const problem = {
      type: '/problems/storage-unavailable',
      title: 'Storage unavailable',
      status: 503,
      detail: 'The database did not answer; try again shortly.',
      instance: '/v1/analyses',
    };
    api.reply(503, problem, 'application/problem+json', { 'retry-after': '5' });
    const response = await post({ text });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ ...problem, instance: '/api/analyses' });
  });

  it('answers 502 when the API answers 201 with a body that breaks the contract', async () => {
    api.reply(201, { ...stored, id: 'not-a-uuid' });
    const response = await post({ text });
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
  });

  it('answers 502 when the API answers a success status the contract does not declare', async () => {
    api.reply(200, stored);
    const response = await post({ text });
    expect(response.status).toBe(502);
  });

  it('answers 502 when the API answers a success status with a problem for a body', async () => {
    api.reply(200, { type: 'about:blank', title: 'OK', status: 200 }, 'application/problem+json');
    const response = await post({ text });
    expect(response.status).toBe(502);
  });

  it('calls the API as the signed-in person: their session cookie, and no other cookie', async () => {
    api.reply(201, stored, 'application/json', { location: `/v1/analyses/${stored.id}` });
    const response = await post(
      { text },
      { cookie: `theme=dark; ${session}; other=1`, origin: 'http://localhost:3000' },
    );
    expect(response.status).toBe(201);
    expect(api.requestHeaders.at(-1)?.cookie).toBe(session);
  });

  it('refuses a request with a session cookie from another site (CSRF) 403, before any API call', async () => {
    const crossSite: Record<string, string>[] = [
      { cookie: session, origin: 'https://evil.example' },
      { cookie: session, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const response = await post({ text }, headers);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ type: '/problems/forbidden' });
    }
    expect(api.requests).toEqual([]);
  });

  it("passes the API's 401 on when nobody is signed in", async () => {
    api.reply(
      401,
      {
        type: '/problems/unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: 'This operation needs a session cookie or an API key (Authorization: Bearer).',
        instance: '/v1/analyses',
      },
      'application/problem+json',
      { 'www-authenticate': 'Bearer realm="TextPulse"' },
    );
    const response = await post({ text });
    expect(response.status).toBe(401);
    expect(api.requestHeaders.at(-1)?.cookie).toBeUndefined();
  });
});
