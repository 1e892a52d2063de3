import { Account, MALFORMED_URL_DETAIL, Problem } from '@textpulse/contracts';
import {
  type ContractMockServer,
  fault,
  serveContractMocks,
} from '@textpulse/contracts-testing/mocks';
import { refusedPort } from '@textpulse/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREACHABLE_RETRY_AFTER_S } from '@/lib/server/api-call';
import { builtWebServer } from '@/lib/testing/built-server';

/**
 * Whether this is Next's error document: the layout, with the error page (app/error.tsx) left to
 * render in the browser, which gets only the error's digest.
 */
const isErrorDocument = (html: string) =>
  html.includes('<html id="__next_error__">') && /\\"digest\\":\\"\d+\\"/.test(html);

/** The headers every answer of the web tier carries, pages or route handlers. */
function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
}

const get = (url: string, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: { 'x-request-id': 'odd-path-1', ...init.headers } });

/** A browser's session cookie: the mocks take any as the example person's. */
const signedIn = { cookie: 'textpulse.session_token=fake.session' };
const person = Account.parse(Account.meta()?.example);
/** The requests the API received beside the session lookups every signed-in page makes. */
const dataRequests = (api: ContractMockServer) =>
  api.requests.filter((request) => request.url !== '/v1/auth/session');

/** The production build, as a browser or a scanner reaches it. */
describe('paths the web tier cannot serve', () => {
  let api: ContractMockServer;
  let web: ReturnType<typeof builtWebServer>;

  beforeAll(async () => {
    api = await serveContractMocks({ signedIn: person });
    web = await builtWebServer(api.url).start();
  });
  afterAll(async () => {
    await web.stop();
    await api.close();
  });

  it.each(['/history/%zz', '/history/%ff', '/history/%C0%AF', '/history/%ED%A0%80', '/%zz'])(
    'answers the styled 404 page to a page path that cannot be decoded: %s',
    async (path) => {
      const response = await get(`${web.url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('data-testid="not-found"');
      expectSecurityHeaders(response);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-request-id')).toBe('odd-path-1');
      expect(api.requests).toEqual([]);
    },
  );

  it.each(['/api/%zz', '/api/analyses/%ff', '/api/prompt/%C0%AF'])(
    'answers 400 problem+json to a route handler path that cannot be decoded: %s',
    async (path) => {
      const response = await get(`${web.url}${path}`, { method: 'POST' });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toEqual({
        type: '/problems/malformed-request',
        title: 'Bad Request',
        status: 400,
        detail: MALFORMED_URL_DETAIL,
      });
      expectSecurityHeaders(response);
      expect(response.headers.get('x-request-id')).toBe('odd-path-1');
    },
  );

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])(
    'answers 404 problem+json to %s of a path under /api that no route handler serves',
    async (method) => {
      const response = await get(`${web.url}/api/v1/analyses`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(Problem.parse(await response.json())).toMatchObject({
        type: '/problems/not-found',
        title: 'Not Found',
        status: 404,
      });
      expectSecurityHeaders(response);
      expect(response.headers.get('x-request-id')).toBe('odd-path-1');
    },
  );

  it('answers 405 problem+json with the request id to a method a route handler does not serve', async () => {
    const response = await get(`${web.url}/api/analyze`);
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expectSecurityHeaders(response);
    expect(response.headers.get('x-request-id')).toBe('odd-path-1');
  });

  it.each([
    ['/history', 503],
    ['/history', 502],
    ['/history/0b4a6f2e-8c1d-4f3a-9e7b-5d2c1a0f9e8d', 503],
  ])(
    "answers 500 with the error document, not 200, when %s cannot get its data (the API's %i), with only the error's digest",
    async (path, status) => {
      // The title goes into the error the page throws (ApiFailedError's message); the document
      // may carry only the error's digest.
      const title = `Failed behind the curtain ${status}`;
      const failing = fault.raw(
        status,
        { type: 'about:blank', title, status },
        { contentType: 'application/problem+json' },
      );
      api.use({ signedIn: person, answers: { listAnalyses: failing, getAnalysis: failing } });
      const response = await get(`${web.url}${path}`, { headers: signedIn });
      expect(response.status).toBe(500);
      const html = await response.text();
      expect(isErrorDocument(html), 'the error document').toBe(true);
      expect(html).not.toContain('behind the curtain');
      expect(html).not.toContain('ApiFailedError');
      expect(response.headers.get('x-request-id')).toBe('odd-path-1');
    },
  );
});

describe('the history page', () => {
  let api: ContractMockServer;
  let web: ReturnType<typeof builtWebServer>;

  beforeAll(async () => {
    api = await serveContractMocks({ signedIn: person });
    web = await builtWebServer(api.url).start();
  });
  afterAll(async () => {
    await web.stop();
    await api.close();
  });

  it('sends a browser without a session to sign in, with the way back, before any API call', async () => {
    const response = await get(`${web.url}/history?sentiment_label=negative`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(
      '/sign-in?next=%2Fhistory%3Fsentiment_label%3Dnegative',
    );
    expect(api.requests).toEqual([]);
  });

  it('ignores query keys GET /v1/analyses does not take, passing on only those it does', async () => {
    api.use({ signedIn: person, answers: { listAnalyses: { items: [], next_cursor: null } } });
    const response = await get(
      `${web.url}/history?limit=7&utm_source=mail&page=2&sentiment_label=`,
      { headers: signedIn },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<h1>History</h1>');
    expect(dataRequests(api).map((request) => request.url)).toEqual(['/v1/analyses?limit=7']);
  });
});

describe('pages and route handlers when the API cannot be reached', () => {
  let web: ReturnType<typeof builtWebServer>;

  beforeAll(async () => {
    web = await builtWebServer(`http://127.0.0.1:${await refusedPort()}`).start();
  });
  afterAll(() => web.stop());

  it('answers 503 with Retry-After from a route handler', async () => {
    const response = await fetch(`${web.url}/api/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'A perfectly ordinary sentence to analyze.' }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(UNREACHABLE_RETRY_AFTER_S));
  });

  it.each(['/analyze', '/prompt'])(
    'answers 200 from %s, which needs the API only for its form',
    async (path) => {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<form');
    },
  );

  it.each(['/history', '/history/0b4a6f2e-8c1d-4f3a-9e7b-5d2c1a0f9e8d'])(
    'answers 500 with the error document from %s',
    async (path) => {
      const response = await fetch(`${web.url}${path}`, { headers: signedIn });
      expect(response.status).toBe(500);
      expect(isErrorDocument(await response.text()), 'the error document').toBe(true);
    },
  );
});
