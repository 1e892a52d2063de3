import { type Account, endpoints, PromptStreamEvent, SESSION_COOKIE } from '@textpulse/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { type ContractMockServer, fault, serveContractMocks } from './index.js';

let server: ContractMockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ada: Account = {
  id: 'acct-1',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  email_verified: true,
  created_at: '2026-12-06T12:00:00.000Z',
};
const cookie = `${SESSION_COOKIE}=anything`;
const TEXT = 'A text long enough to analyze.';

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server?.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('answers', () => {
  it('by default, the example the success schema declares', async () => {
    server = await serveContractMocks();
    const response = await post('/v1/analyze', { text: TEXT });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(endpoints.analyze.success.schema.meta()?.example);
  });

  it('an override, typed by the operation, from the validated inputs', async () => {
    server = await serveContractMocks({
      answers: {
        analyze: ({ inputs }) => ({
          sentiment_score: 0,
          sentiment_label: 'neutral',
          word_count: inputs.body.text.split(' ').length,
        }),
      },
    });
    const response = await post('/v1/analyze', { text: TEXT });
    expect(await response.json()).toEqual({
      sentiment_score: 0,
      sentiment_label: 'neutral',
      word_count: 6,
    });
  });

  it('an override that breaks the success schema is a 500 naming the operation, never sent', async () => {
    server = await serveContractMocks({
      // @ts-expect-error: the typecheck refuses a body of the wrong type, too.
      answers: { analyze: { sentiment_score: 'high' } },
    });
    const response = await post('/v1/analyze', { text: TEXT });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { detail: string };
    expect(body).toMatchObject({ type: '/problems/internal-error' });
    expect(body.detail).toContain("The mock's answer for analyzeText breaks the contract");
  });

  it('the stream: valid events, from the attempt to done', async () => {
    server = await serveContractMocks();
    const response = await post('/v1/prompt/stream', { prompt: TEXT });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => PromptStreamEvent.parse(JSON.parse(frame.split('\ndata: ')[1] ?? '')));
    expect(events[0]?.type).toBe('attempt');
    expect(events.at(-1)?.type).toBe('done');
    expect(events.filter((event) => event.type === 'token').length).toBeGreaterThan(1);
  });
});

describe('who is signed in', () => {
  it('nobody by default: a protected operation answers 401 with its challenge', async () => {
    server = await serveContractMocks();
    const response = await fetch(`${server.url}/v1/auth/session`, { headers: { cookie } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="TextPulse"');
  });

  it('a signed-in person: any session cookie is theirs, and answers see them', async () => {
    server = await serveContractMocks({
      signedIn: ada,
      answers: {
        getSession: ({ caller }) => ({
          account: caller ?? ada,
          expires_at: '2026-12-13T12:00:00.000Z',
        }),
      },
    });
    const response = await fetch(`${server.url}/v1/auth/session`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { account: Account }).account).toEqual(ada);
  });

  it('a session from an untrusted origin may not change anything: 403', async () => {
    server = await serveContractMocks({ signedIn: ada, trustedOrigins: ['http://web.test'] });
    const trusted = await post(
      '/v1/analyses',
      { text: TEXT },
      { cookie, origin: 'http://web.test' },
    );
    expect(trusted.status).toBe(201);
    const other = await post(
      '/v1/analyses',
      { text: TEXT },
      { cookie, origin: 'http://evil.test' },
    );
    expect(other.status).toBe(403);
  });
});

describe('declared headers', () => {
  it('sign-in sets a session cookie, sign-out ends it; a stored item has its Location', async () => {
    server = await serveContractMocks({ signedIn: ada });
    const signedIn = await post('/v1/auth/sign-in', { email: ada.email, password: 'anything' });
    const session = signedIn.headers.getSetCookie()[0] ?? '';
    expect(session).toMatch(
      new RegExp(`^${SESSION_COOKIE.replace('.', '\\.')}=\\S+; Path=/; HttpOnly`),
    );
    const signedOut = await post('/v1/auth/sign-out', undefined, {
      cookie: session.split(';')[0] ?? '',
    });
    expect(signedOut.headers.getSetCookie()).toEqual([`${SESSION_COOKIE}=; Path=/; Max-Age=0`]);
    const stored = await post('/v1/analyses', { text: TEXT }, { cookie });
    const { id } = (await stored.json()) as { id: string };
    expect(stored.headers.get('location')).toBe(`/v1/analyses/${id}`);
  });
});

describe('faults', () => {
  it('a problem of the catalog, an off-contract body, an HTML page', async () => {
    server = await serveContractMocks({
      signedIn: ada,
      answers: {
        getAnalysis: fault.problem('not-found', { detail: 'No such analysis.' }),
        analyze: fault.offContract({ sentiment_score: 'high' }),
        health: fault.html(502),
      },
    });
    const id = '019a8b2c-3d4e-7f60-8a1b-2c3d4e5f6a7b';
    const missing = await fetch(`${server.url}/v1/analyses/${id}`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      type: '/problems/not-found',
      instance: `/v1/analyses/${id}`,
    });
    const off = await post('/v1/analyze', { text: TEXT });
    expect([off.status, await off.json()]).toEqual([200, { sentiment_score: 'high' }]);
    const html = await fetch(`${server.url}/v1/health`);
    expect([html.status, html.headers.get('content-type')]).toEqual([
      502,
      'text/html; charset=utf-8',
    ]);
  });

  it('a delay validates the request first, then sends the answer late', async () => {
    server = await serveContractMocks({ answers: { analyze: fault.delay(1) } });
    expect((await post('/v1/analyze', { text: 'short' })).status).toBe(422);
    const late = await post('/v1/analyze', { text: TEXT });
    expect([late.status, await late.json()]).toEqual([
      200,
      endpoints.analyze.success.schema.meta()?.example,
    ]);
  });

  it("a delay's wait ends as soon as the client has given up", async () => {
    const gaveUp = new Request('http://api.test/v1/analyze', { signal: AbortSignal.abort() });
    // Without the abort, this would wait a minute: the test's timeout.
    await expect(fault.delay(60_000).respond(gaveUp)).resolves.toBeUndefined();
    const leaving = new AbortController();
    const waiting = fault
      .delay(60_000, fault.html())
      .respond(new Request('http://api.test/v1/analyze', { signal: leaving.signal }));
    leaving.abort();
    await expect(waiting).resolves.toMatchObject({ status: 500 });
  });
});

describe('served over HTTP', () => {
  it('records each request, and answers 404 for a path the contract does not declare', async () => {
    server = await serveContractMocks();
    const response = await fetch(`${server.url}/v1/unknown`, {
      headers: { 'x-request-id': 'r-1' },
    });
    expect(response.status).toBe(404);
    expect(server.requests).toEqual([
      expect.objectContaining({ method: 'GET', url: '/v1/unknown', body: '' }),
    ]);
  });

  it('answers 500 internal-error when an answer function throws, and goes on serving', async () => {
    server = await serveContractMocks({
      answers: {
        analyze: () => {
          throw new Error('a bug in the test');
        },
      },
    });
    const failed = await post('/v1/analyze', { text: TEXT });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({
      type: '/problems/internal-error',
      detail: 'Error: a bug in the test',
    });
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
  });

  it('echoes a well-formed X-Request-Id, as the API does', async () => {
    server = await serveContractMocks();
    const response = await fetch(`${server.url}/v1/health`, { headers: { 'x-request-id': 'r-1' } });
    expect(response.headers.get('x-request-id')).toBe('r-1');
  });
});
