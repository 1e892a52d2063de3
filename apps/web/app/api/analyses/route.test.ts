import { Account, type StoredAnalysis } from '@textpulse/contracts';
import {
  type ContractMockServer,
  fault,
  serveContractMocks,
} from '@textpulse/contracts-testing/mocks';
import { signUpCaller } from '@textpulse/processes';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtApiServer } from '@/lib/testing/built-server';
import { expectDocumentedAnswer } from '@/lib/testing/documented';

let api: ContractMockServer;
const builtApi = builtApiServer();
let POST: (request: Request) => Promise<Response>;
const person = Account.parse(Account.meta()?.example);

const text = 'Ada Lovelace wrote the first program in London.';
const stored: StoredAnalysis = {
  id: '019a8b2c-3d4e-7f60-8a1b-2c3d4e5f6a7b',
  created_at: '2026-11-22T12:00:00.000Z',
  version: '0.1.0',
  text,
  extract_entities: false,
  result: { sentiment_score: 0.2, sentiment_label: 'positive', word_count: 9 },
};

const session = 'textpulse.session_token=abc.def%3D';
/** A signed-in browser on this site: its session cookie, its origin. */
const signedIn = { cookie: session, origin: 'http://localhost:3000' };

/**
 * Calls the route handler, as a signed-in browser unless told otherwise; every answer is checked
 * against the API document first.
 */
async function post(body: unknown, headers: Record<string, string> = signedIn) {
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
  [api] = await Promise.all([serveContractMocks({ signedIn: person }), builtApi.start()]);
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

describe('POST /api/analyses', () => {
  it("answers 201 with the stored analysis and this app's page of it as Location", async () => {
    api.use({ signedIn: person, answers: { createAnalysis: stored } });
    const response = await post({ text });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/history/${stored.id}`);
    expect(await response.json()).toEqual(stored);
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/v1/analyses',
        json: { text, extract_entities: false },
      }),
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
    api.use({
      signedIn: person,
      answers: {
        createAnalysis: fault.raw(503, problem, {
          contentType: 'application/problem+json',
          headers: { 'retry-after': '5' },
        }),
      },
    });
    const response = await post({ text });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ ...problem, instance: '/api/analyses' });
  });

  it('answers 502 when the API answers 201 with a body that breaks the contract', async () => {
    api.use({
      signedIn: person,
      answers: { createAnalysis: fault.offContract({ ...stored, id: 'not-a-uuid' }, 201) },
    });
    const response = await post({ text });
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
  });

  it('answers 502 when the API answers a success status the contract does not declare', async () => {
    api.use({ signedIn: person, answers: { createAnalysis: fault.offContract(stored, 200) } });
    const response = await post({ text });
    expect(response.status).toBe(502);
  });

  it('answers 502 when the API answers a success status with a problem for a body', async () => {
    api.use({
      signedIn: person,
      answers: {
        createAnalysis: fault.raw(
          200,
          { type: 'about:blank', title: 'OK', status: 200 },
          { contentType: 'application/problem+json' },
        ),
      },
    });
    const response = await post({ text });
    expect(response.status).toBe(502);
  });

  it('calls the API as the signed-in person: their session cookie, and no other cookie', async () => {
    api.use({ signedIn: person, answers: { createAnalysis: stored } });
    const response = await post(
      { text },
      { cookie: `theme=dark; ${session}; other=1`, origin: 'http://localhost:3000' },
    );
    expect(response.status).toBe(201);
    expect(api.requests.at(-1)?.headers.cookie).toBe(session);
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
    const response = await post({ text }, {});
    expect(response.status).toBe(401);
    expect(api.requests.at(-1)?.headers.cookie).toBeUndefined();
  });
});
