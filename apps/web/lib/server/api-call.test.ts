import { problem } from '@textpulse/contracts';
import {
  type ContractMockServer,
  fault,
  serveContractMocks,
} from '@textpulse/contracts-testing/mocks';
import { refusedPort } from '@textpulse/ports';
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  expectTypeOf,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import { pastTheDeadline } from '@/lib/testing/deadline';
import {
  ApiFailedError,
  type CallProblem,
  UNREACHABLE_RETRY_AFTER_S,
  unlessFailed,
} from './api-call';

const text = 'A perfectly ordinary sentence to analyze.';
// Never reached by a real clock: the 504 test moves a fake one past it.
const API_TIMEOUT_MS = 60_000;

const analyzeRequest = (headers: Record<string, string> = {}) =>
  new Request('http://localhost:3000/api/analyze', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: new TextEncoder().encode(JSON.stringify({ text })),
  });

/**
 * The analyze route handler and a spy on the web log's error lines, loaded afresh with `env`
 * (the configuration is read when the modules load). Loaded before the tests, so that mutation
 * testing sees the modules' top level (the configuration schema) as load-time code.
 */
function handlerWith(env: () => Promise<Record<string, string>>) {
  const loaded = {} as {
    POST: (request: Request) => Promise<Response>;
    errors: MockInstance<(...args: unknown[]) => void>;
  };
  beforeAll(async () => {
    vi.resetModules();
    for (const [name, value] of Object.entries(await env())) vi.stubEnv(name, value);
    ({ POST: loaded.POST } = await import('@/app/api/analyze/route'));
    const { log } = await import('./log');
    loaded.errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    vi.unstubAllEnvs();
  });
  beforeEach(() => loaded.errors.mockClear());
  afterAll(() => loaded.errors.mockRestore());
  return loaded;
}

describe('a call to the API that gets an answer', () => {
  let api: ContractMockServer;
  beforeAll(async () => {
    api = await serveContractMocks();
  });
  afterAll(() => api.close());
  const lastHeaders = () => api.requests.at(-1)?.headers;
  const load = handlerWith(async () => ({
    API_URL: api.url,
    API_TIMEOUT_MS: String(API_TIMEOUT_MS),
  }));

  it("carries the browser's well-formed request id, and whom it is made for, and returns the id", async () => {
    const { POST } = load;
    const response = await POST(
      analyzeRequest({ 'x-request-id': 'trace-abc.123', 'x-forwarded-for': '203.0.113.7' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-abc.123');
    expect(lastHeaders()).toMatchObject({
      'x-request-id': 'trace-abc.123',
      'x-forwarded-for': '203.0.113.7',
    });
  });

  it('carries a new request id when the browser sends one the API would refuse', async () => {
    const { POST } = load;
    const response = await POST(analyzeRequest({ 'x-request-id': 'not allowed!' }));
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(lastHeaders()?.['x-request-id']).toBe(id);
    expect(lastHeaders()).not.toHaveProperty('x-forwarded-for');
  });

  it('logs a 502 for a body that breaks the contract, with the request id and no cause', async () => {
    const { POST, errors } = load;
    api.use({ answers: { analyze: fault.offContract({ sentiment_score: 'high' }) } });
    const response = await POST(analyzeRequest({ 'x-request-id': 'trace-502' }));
    expect(response.status).toBe(502);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(errors).toHaveBeenCalledExactlyOnceWith(
      { request_id: 'trace-502', path: '/api/analyze', status: 502, cause: undefined },
      'The TextPulse API answered 200 with a body that breaks its contract.',
    );
  });

  it("logs a 502 for a body that is not JSON, naming the parser's error without quoting the body", async () => {
    const { POST, errors } = load;
    api.use({ answers: { analyze: fault.raw(200, '{"secret": ') } });
    const response = await POST(analyzeRequest());
    expect(response.status).toBe(502);
    expect(errors).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ status: 502, cause: 'SyntaxError' }),
      'The TextPulse API answered 200 with a body that breaks its contract.',
    );
  });

  it('logs a 502 for an error that is not a problem, naming the status the API answered', async () => {
    const { POST, errors } = load;
    api.use({ answers: { analyze: fault.html(500) } });
    const response = await POST(analyzeRequest());
    expect(await response.json()).toMatchObject({
      status: 502,
      detail: 'The TextPulse API answered 500 with a body that breaks its contract.',
    });
    expect(errors).toHaveBeenCalledOnce();
  });

  it('logs a 502 for a problem the operation does not declare for that status', async () => {
    const { POST, errors } = load;
    // POST /v1/analyze declares no 404, and its 503 would be storage-unavailable, not this.
    for (const undeclared of [problem('not-found'), problem('api-unreachable')]) {
      errors.mockClear();
      api.use({
        answers: {
          analyze: fault.raw(undeclared.status, undeclared, {
            contentType: 'application/problem+json',
          }),
        },
      });
      const response = await POST(analyzeRequest());
      expect(await response.json()).toMatchObject({
        type: '/problems/api-bad-answer',
        detail: `The TextPulse API answered ${undeclared.status} with a body that breaks its contract.`,
      });
      expect(errors).toHaveBeenCalledOnce();
    }
  });

  it('forwards a problem the operation declares, as its schema reads it', async () => {
    const { POST } = load;
    const limited = problem('rate-limited', { detail: 'Slow down.', instance: '/v1/analyze' });
    api.use({
      answers: {
        analyze: fault.raw(
          429,
          { ...limited, internal: 'not in the contract' },
          { contentType: 'application/problem+json', headers: { 'retry-after': '7' } },
        ),
      },
    });
    const response = await POST(analyzeRequest());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toEqual({ ...limited, instance: '/api/analyze' });
  });

  it('answers 504, logged with the timeout as its cause, when the API is slower than API_TIMEOUT_MS', async () => {
    const { POST, errors } = load;
    // An API that would answer long after the timeout: only the timeout can end this.
    api.use({ answers: { analyze: fault.delay(600_000) } });
    const response = await pastTheDeadline(api, API_TIMEOUT_MS, () =>
      POST(analyzeRequest({ 'x-request-id': 'trace-504' })),
    );
    expect(response.status).toBe(504);
    expect(response.headers.get('retry-after')).toBeNull();
    const detail = `The TextPulse API did not answer within ${API_TIMEOUT_MS} ms.`;
    expect(await response.json()).toEqual({
      type: '/problems/api-timeout',
      title: 'Gateway Timeout',
      status: 504,
      detail,
      instance: '/api/analyze',
    });
    expect(errors).toHaveBeenCalledExactlyOnceWith(
      {
        request_id: 'trace-504',
        path: '/api/analyze',
        status: 504,
        cause: expect.stringMatching(/^TimeoutError: /),
      },
      detail,
    );
  });
});

describe('a call to the API that cannot reach it', () => {
  const load = handlerWith(async () => ({ API_URL: `http://127.0.0.1:${await refusedPort()}` }));

  it('answers 503 with Retry-After, logged with every cause down to the refused connection', async () => {
    const { POST, errors } = load;
    const response = await POST(analyzeRequest({ 'x-request-id': 'trace-503' }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(UNREACHABLE_RETRY_AFTER_S));
    expect(errors).toHaveBeenCalledExactlyOnceWith(
      {
        request_id: 'trace-503',
        path: '/api/analyze',
        status: 503,
        cause: expect.stringMatching(/^TypeError: fetch failed ← \w*Error: .*ECONNREFUSED/),
      },
      'The TextPulse API cannot be reached. Is it running?',
    );
  });
});

describe('CallProblem', () => {
  it("tells apart by type the problems that share a status, the web tier's own among them", () => {
    type Prompt = CallProblem<'prompt'>;
    const narrowed = (problem: Prompt) => {
      if (problem.status !== 502) return undefined;
      expectTypeOf(problem.type).toEqualTypeOf<
        '/problems/upstream-failed' | '/problems/api-bad-answer'
      >();
      return problem.type === '/problems/upstream-failed' ? problem.attempts : problem.detail;
    };
    expectTypeOf(narrowed).returns.not.toBeAny();
    type SignIn = CallProblem<'signIn'>;
    expectTypeOf<
      Extract<SignIn, { type: '/problems/invalid-credentials' }>['status']
    >().toEqualTypeOf<401>();
    expectTypeOf<
      Extract<SignIn, { type: '/problems/api-timeout' }>['status']
    >().toEqualTypeOf<504>();
  });
});

describe('unlessFailed, for pages', () => {
  const failure = (status: number) =>
    ({
      ok: false,
      problem: { type: 'about:blank', title: 'Failed', status, instance: '/history' },
    }) as const;

  it('returns data and 4xx problems, for the page to show', () => {
    expect(unlessFailed({ ok: true, data: 1, setCookies: [] })).toEqual({
      ok: true,
      data: 1,
      setCookies: [],
    });
    expect(unlessFailed(failure(404))).toEqual(failure(404));
    expect(unlessFailed(failure(499))).toEqual(failure(499));
  });

  it.each([500, 503])('throws ApiFailedError on a %i, naming the status and title', (status) => {
    const thrown = (() => {
      try {
        unlessFailed(failure(status));
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ApiFailedError);
    expect(thrown).toMatchObject({
      name: 'ApiFailedError',
      message: `The page's data could not be read: ${status} Failed`,
      problem: failure(status).problem,
    });
  });
});
