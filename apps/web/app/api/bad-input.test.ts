import {
  BODY_LIMIT_BYTES,
  duplicateKeyDetail,
  endpoints,
  FORBIDDEN_KEY_DETAIL,
  INVALID_UTF8_DETAIL,
  MALFORMED_JSON_DETAIL,
  unsupportedCharsetDetail,
  unsupportedMediaTypeDetail,
} from '@textpulse/contracts';
import { type ContractMockServer, serveContractMocks } from '@textpulse/contracts-testing/mocks';
import { signUpCaller } from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtApiServer } from '@/lib/testing/built-server';
import { expectDocumentedAnswer } from '@/lib/testing/documented';

let api: ContractMockServer;
const text = 'A perfectly ordinary sentence to analyze.';
let routes: Record<string, (request: Request) => Promise<Response>>;
let others: Record<
  string,
  Record<'GET' | 'PUT' | 'PATCH' | 'DELETE', (request: Request) => Response>
>;

const nested = (depth: number) => `{"text": ${'['.repeat(depth)}${']'.repeat(depth)}}`;

const cases = [
  { name: 'malformed JSON', body: '{"text": ', status: 400, detail: MALFORMED_JSON_DETAIL },
  { name: 'an empty body', body: '', status: 400 },
  {
    name: 'a body over the limit',
    body: JSON.stringify({ text: 'x'.repeat(BODY_LIMIT_BYTES) }),
    status: 413,
  },
  { name: 'text/plain', body: text, contentType: 'text/plain', status: 415 },
  {
    name: 'no content type',
    body: text,
    contentType: null,
    status: 415,
    detail: unsupportedMediaTypeDetail(null),
  },
  {
    name: 'JSON in Latin-1',
    body: JSON.stringify({ text }),
    contentType: 'application/json; charset=iso-8859-1',
    status: 415,
    detail: unsupportedCharsetDetail('iso-8859-1'),
  },
  {
    name: 'invalid UTF-8',
    body: Uint8Array.of(...new TextEncoder().encode(`{"text": "${text}`), 0xff, 0x22, 0x7d),
    status: 400,
    detail: INVALID_UTF8_DETAIL,
  },
  {
    name: 'a repeated key',
    body: `{"text": "${text}", "text": "${text}"}`,
    status: 400,
    detail: duplicateKeyDetail('/text'),
  },
  { name: 'deeply nested arrays', body: nested(10_000), status: 422 },
  {
    name: 'a __proto__ key',
    body: `{"text": "${text}", "__proto__": {"polluted": true}}`,
    status: 400,
    detail: FORBIDDEN_KEY_DETAIL,
  },
  {
    name: 'a constructor.prototype key',
    body: `{"text": "${text}", "constructor": {"prototype": {"polluted": true}}}`,
    status: 400,
    detail: FORBIDDEN_KEY_DETAIL,
  },
  { name: 'a huge string', body: JSON.stringify({ text: 'x'.repeat(60_000) }), status: 422 },
  { name: 'a number where a string belongs', body: '{"text": 12345678901}', status: 422 },
  { name: 'null text', body: '{"text": null}', status: 422 },
  { name: 'an array root', body: '[]', status: 422 },
  { name: 'a scalar root', body: '42', status: 422 },
  { name: 'an unknown field', body: `{"text": "${text}", "lang": "en"}`, status: 422 },
] as const;

const builtApi = builtApiServer();
/** The built API is called as a signed-in person, so that it judges the request itself. */
let caller: Record<string, string>;

beforeAll(async () => {
  [api] = await Promise.all([serveContractMocks(), builtApi.start()]);
  caller = { ...(await signUpCaller(builtApi.url)).headers };
  vi.stubEnv('API_URL', api.url);
  routes = {
    '/api/analyze': (await import('./analyze/route')).POST,
    '/api/prompt': (await import('./prompt/route')).POST,
    '/api/prompt/stream': (await import('./prompt/stream/route')).POST,
    '/api/analyses': (await import('./analyses/route')).POST,
  };
  others = {
    '/api/analyze': await import('./analyze/route'),
    '/api/prompt': await import('./prompt/route'),
    '/api/prompt/stream': await import('./prompt/stream/route'),
    '/api/analyses': await import('./analyses/route'),
  };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([api.close(), builtApi.stop()]);
});

const operations = {
  '/api/analyze': 'analyze',
  '/api/prompt': 'prompt',
  '/api/prompt/stream': 'promptStream',
  '/api/analyses': 'createAnalysis',
} as const;
const paths = Object.keys(operations) as (keyof typeof operations)[];

describe.each(paths)('the bad-input matrix on POST %s', (path) => {
  it.each(cases)(
    'answers $name with $status problem+json, as the API does, without calling the API',
    async (input) => {
      const contentType = 'contentType' in input ? input.contentType : 'application/json';
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      // Bytes, not a string: fetch would add a text/plain Content-Type to a string body.
      const bytes =
        typeof input.body === 'string' ? new TextEncoder().encode(input.body) : input.body;
      const init = { method: 'POST', headers, body: bytes };
      const before = api.requests.length;
      const response = await routes[path]?.(new Request(`http://localhost:3000${path}`, init));
      if (!response) throw new Error(`no route handler for ${path}`);
      const operation = operations[path];
      const body = await expectDocumentedAnswer(response, operation);
      expect(response.status).toBe(input.status);
      const fromApi = await builtApi.send(endpoints[operation].path, {
        ...init,
        headers: { ...headers, ...caller },
      });
      expect(body).toEqual({ ...(await fromApi.json()), instance: path });
      if ('detail' in input) expect(body).toMatchObject({ detail: input.detail });
      expect(api.requests.length).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});

describe.each(paths)('other methods on %s', (path) => {
  it.each(['GET', 'PUT', 'PATCH', 'DELETE'] as const)(
    'answers %s with 405 problem+json and Allow: POST',
    async (method) => {
      const response = others[path]?.[method](
        new Request(`http://localhost:3000${path}`, {
          method,
          headers: { 'x-request-id': 'other-method-1' },
        }),
      );
      if (!response) throw new Error(`no ${method} handler for ${path}`);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect(response.headers.get('x-request-id')).toBe('other-method-1');
      expect(await expectDocumentedAnswer(response, operations[path])).toEqual({
        type: '/problems/method-not-allowed',
        title: 'Method Not Allowed',
        status: 405,
        detail: `${method} is not allowed here; use POST.`,
        instance: path,
      });
    },
  );
});
