import { rateLimitDetail } from '@textpulse/contracts';
import { type ContractMockServer, serveContractMocks } from '@textpulse/contracts-testing/mocks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectDocumentedAnswer } from '@/lib/testing/documented';

let api: ContractMockServer;
let POST: (request: Request) => Promise<Response>;

const analyzeAs = (client: string) =>
  POST(
    new Request('http://localhost:3000/api/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: new TextEncoder().encode(JSON.stringify({ text: 'A perfectly ordinary sentence.' })),
    }),
  );

beforeAll(async () => {
  api = await serveContractMocks();
  vi.stubEnv('API_URL', api.url);
  vi.stubEnv('RATE_LIMIT_MAX', '2');
  vi.stubEnv('RATE_LIMIT_WINDOW_S', '60');
  ({ POST } = await import('./analyze/route'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

describe("the web tier's own rate limit", () => {
  it('answers a client over the limit 429 with Retry-After, as the API words it, without calling the API', async () => {
    const first = await analyzeAs('203.0.113.1');
    expect(first.status).toBe(200);
    // Every answer tells the limit and what is left of it (draft-ietf-httpapi-ratelimit-headers-09).
    expect(first.headers.get('ratelimit-policy')).toBe('"web";q=2;w=60');
    expect(first.headers.get('ratelimit')).toMatch(/^"web";r=1;t=\d+$/);
    const second = await analyzeAs('10.0.0.9, 203.0.113.1');
    expect(second.headers.get('ratelimit')).toMatch(/^"web";r=0;t=\d+$/);
    const before = api.requests.length;
    const limited = await analyzeAs('203.0.113.1');
    expect(limited.status).toBe(429);
    // The seconds left in the 60 s window the first request opened, rounded up.
    const retryIn = Number(limited.headers.get('retry-after'));
    expect(limited.headers.get('ratelimit-policy')).toBe('"web";q=2;w=60');
    expect(limited.headers.get('ratelimit')).toBe(`"web";r=0;t=${retryIn}`);
    expect(retryIn).toBeGreaterThan(1);
    expect(retryIn).toBeLessThanOrEqual(60);
    expect(await expectDocumentedAnswer(limited, 'analyze')).toMatchObject({
      status: 429,
      detail: rateLimitDetail(2, 60, retryIn),
      instance: '/api/analyze',
    });
    expect(api.requests.length).toBe(before);
  });

  it('counts each client on its own', async () => {
    expect((await analyzeAs('203.0.113.2')).status).toBe(200);
  });

  it('counts requests without X-Forwarded-For as one client', async () => {
    const anonymous = () =>
      POST(
        new Request('http://localhost:3000/api/analyze', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: new TextEncoder().encode(JSON.stringify({ text: 'A perfectly ordinary one.' })),
        }),
      );
    expect((await anonymous()).status).toBe(200);
    expect((await anonymous()).status).toBe(200);
    expect((await anonymous()).status).toBe(429);
    expect((await analyzeAs('203.0.113.3')).status).toBe(200);
  });
});
