import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnalyzeService } from '../src/analyze/analyze.service.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createTestApp } from './support/app.js';
import { signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';
import { LogLines } from './support/logs.js';

const text = 'A perfectly ordinary sentence to analyze.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('security defaults', () => {
  let app: NestFastifyApplication;
  const logs = new LogLines();

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'info', OPENAI_API_KEY: 'sk-very-secret' });
    app = await createApp(config, { logStream: logs });
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => app.close());

  it.each([
    ['a success', () => api(app).get('/v1/health')],
    ['a 404', () => api(app).get('/nope')],
    ['a 422', () => api(app).post('/v1/analyze').send({})],
  ])('sends security headers on %s', async (_name, send) => {
    const response = await send();
    expect(response.headers).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps plain-HTTP deployments working: no upgrade-insecure-requests in the CSP', async () => {
    const response = await api(app).get('/v1/health');
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('never logs the Authorization or Cookie header a request carries', async () => {
    await api(app)
      .post('/v1/analyze')
      .set('authorization', 'Bearer caller-token-123')
      .set('cookie', 'session=caller-cookie-456')
      .send({ text })
      .expect(200);
    const logged = JSON.stringify(logs.lines);
    expect(logged).toContain('request completed');
    expect(logged).not.toContain('caller-token-123');
    expect(logged).not.toContain('caller-cookie-456');
  });

  it("echoes a well-formed X-Request-Id and logs it on the request's one access-log line", async () => {
    const response = await api(app).get('/v1/health').set('x-request-id', 'trace-abc.123');
    expect(response.headers['x-request-id']).toBe('trace-abc.123');
    const lines = logs.lines.filter((line) => line.request_id === 'trace-abc.123');
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        method: 'GET',
        route: '/v1/health',
        status: 200,
        duration_ms: expect.any(Number),
      }),
    ]);
  });

  it("logs the route as the contract's path template, and a path no route serves as its URL", async () => {
    await api(app)
      .get('/v1/analyses/0190a8c4-3f0e-7000-8000-000000000000')
      .set('x-request-id', 'templated-1');
    await api(app).get('/nope/42').set('x-request-id', 'unrouted-1');
    const lineOf = (id: string) => logs.lines.find((line) => line.request_id === id);
    expect(lineOf('templated-1')).toMatchObject({ route: '/v1/analyses/{id}', status: 401 });
    expect(lineOf('templated-1')).not.toHaveProperty('url');
    expect(lineOf('unrouted-1')).toMatchObject({ url: '/nope/42', status: 404 });
    expect(lineOf('unrouted-1')).not.toHaveProperty('route');
  });

  it.each([
    ['absent', undefined],
    ['malformed', 'id with spaces; and more'],
    ['too long', 'x'.repeat(129)],
  ])('generates a request id when the client one is %s', async (_name, sent) => {
    const call = api(app).get('/v1/health');
    if (sent !== undefined) call.set('x-request-id', sent);
    const response = await call;
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('censors the configured key wherever a logged error quotes it', async () => {
    vi.spyOn(AnalyzeService.prototype, 'analyze').mockImplementation(() => {
      throw new Error('Upstream said: Incorrect API key provided: Bearer sk-very-secret');
    });
    await api(app).post('/v1/analyze').send({ text }).expect(500);
    const logged = logs.lines.filter(
      (line) => line.msg === 'Request failed with an unexpected error',
    );
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0])).toContain('Incorrect API key provided: Bearer [redacted]');
    expect(JSON.stringify(logs.lines)).not.toContain('sk-very-secret');
  });

  it('redacts user text carried by a logged error', async () => {
    vi.spyOn(AnalyzeService.prototype, 'analyze').mockImplementation((body) => {
      throw Object.assign(new Error('The engine failed'), { text: body.text });
    });
    await api(app).post('/v1/analyze').send({ text: 'my confidential text here' }).expect(500);
    const logged = logs.lines.filter(
      (line) => line.msg === 'Request failed with an unexpected error',
    );
    expect(logged.at(-1)).toMatchObject({
      err: { message: 'The engine failed', text: '[redacted]' },
    });
    expect(JSON.stringify(logs.lines)).not.toContain('confidential');
  });
});

describe('rate limiting', () => {
  it('limits each rateLimited operation per client with a documented 429, and not the health check or the document', async () => {
    // Built here, not in a hook: the rate limit is set up as the app starts, and mutation testing
    // credits only the test that starts it.
    const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '3' }));
    try {
      for (let i = 0; i < 3; i += 1) {
        const allowed = await api(app).post('/v1/analyze').send({ text }).expect(200);
        // The IETF fields of draft-ietf-httpapi-ratelimit-headers-09, not the plugin's older ones.
        expect(allowed.headers['ratelimit-policy']).toBe('"api";q=3;w=60');
        expect(allowed.headers.ratelimit).toMatch(new RegExp(`^"api";r=${2 - i};t=\\d+$`));
        expect(
          Object.keys(allowed.headers).filter((name) => name.startsWith('x-ratelimit')),
        ).toEqual([]);
      }
      const limited = await api(app).post('/v1/analyze').send({ text });
      expectProblem(limited, 429);
      expect(limited.headers['ratelimit-policy']).toBe('"api";q=3;w=60');
      const retryAfter = Number(limited.headers['retry-after']);
      expect(limited.headers.ratelimit).toBe(`"api";r=0;t=${retryAfter}`);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.body.detail).toBe(
        `Rate limit of 3 requests per 60 s exceeded; retry in ${retryAfter} s.`,
      );
      await api(app).post('/v1/prompt').send({ prompt: text }).expect(200);
      for (let i = 0; i < 5; i += 1) {
        const health = await api(app).get('/v1/health').expect(200);
        expect(health.headers).not.toHaveProperty('ratelimit');
        // Nor the routes outside the contract.
        expect((await app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
      }
    } finally {
      await app.close();
    }
  });
});

describe('the client a rate limit counts', () => {
  /** A POST /v1/analyze as forwarded for `client` by whoever sent it. */
  const analyzeFor = (app: NestFastifyApplication, client: string) =>
    api(app).post('/v1/analyze').set('x-forwarded-for', client).send({ text });

  it("is the connection's address without TRUST_PROXY: X-Forwarded-For changes nothing", async () => {
    const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '2' }));
    try {
      await analyzeFor(app, '203.0.113.1').expect(200);
      await analyzeFor(app, '203.0.113.2').expect(200);
      expectProblem(await analyzeFor(app, '203.0.113.3'), 429);
    } finally {
      await app.close();
    }
  });

  it('is the forwarded address when a trusted proxy forwards it: one bucket per end user', async () => {
    const app = await createApp(
      loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '2', TRUST_PROXY: '127.0.0.1, ::1' }),
    );
    try {
      await analyzeFor(app, '203.0.113.1').expect(200);
      await analyzeFor(app, '203.0.113.1').expect(200);
      expectProblem(await analyzeFor(app, '203.0.113.1'), 429);
      await analyzeFor(app, '203.0.113.2').expect(200);
      // A browser's own X-Forwarded-For comes first; the proxy appends what it saw last.
      await analyzeFor(app, '198.51.100.7, 203.0.113.2').expect(200);
      expectProblem(await analyzeFor(app, '198.51.100.8, 203.0.113.2'), 429);
    } finally {
      await app.close();
    }
  });
});

describe('the access-log line of a request with a verified caller', () => {
  let app: NestFastifyApplication;
  const logs = new LogLines();

  beforeAll(async () => {
    app = await createTestApp({}, { logs });
  });
  afterAll(() => app.close());

  it("names the caller's user id, never the key", async () => {
    const ada = await signUp(app);
    await api(app, ada).get('/v1/analyses').set('x-request-id', 'with-caller-1').expect(200);
    await api(app).get('/v1/health').set('x-request-id', 'anonymous-1').expect(200);
    const lineOf = (id: string) => logs.lines.find((line) => line.request_id === id);
    expect(lineOf('with-caller-1')).toMatchObject({ route: '/v1/analyses', caller: ada.userId });
    expect(lineOf('anonymous-1')).not.toHaveProperty('caller');
    expect(JSON.stringify(logs.lines)).not.toContain(ada.key);
  });
});
