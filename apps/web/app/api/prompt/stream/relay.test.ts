import { EVENT_STREAM_MEDIA_TYPE } from '@textpulse/contracts';
import {
  type ContractMockServer,
  fault,
  serveContractMocks,
} from '@textpulse/contracts-testing/mocks';
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import { pastTheDeadline } from '@/lib/testing/deadline';
import { expectDocumentedAnswer } from '@/lib/testing/documented';
import { sseFrames } from '@/lib/testing/fetch';

let api: ContractMockServer;
let POST: (request: Request) => Promise<Response>;
let errors: MockInstance<(...args: unknown[]) => void>;
const prompt = 'Summarize: the release is fast, the docs are thin.';
// Never reached by a real clock: the 504 test moves a fake one past it.
const API_TIMEOUT_MS = 60_000;

const streamRequest = (init: RequestInit = {}) =>
  new Request('http://localhost:3000/api/prompt/stream', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': 'relay-1',
      'x-forwarded-for': '203.0.113.9',
    },
    body: JSON.stringify({ prompt }),
    ...init,
  });

beforeAll(async () => {
  api = await serveContractMocks();
  vi.stubEnv('API_URL', api.url);
  vi.stubEnv('API_TIMEOUT_MS', String(API_TIMEOUT_MS));
  ({ POST } = await import('./route'));
  const { log } = await import('@/lib/server/log');
  errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
});
beforeEach(() => {
  api.requests.length = 0;
  api.abandoned = 0;
  errors.mockClear();
});
afterAll(async () => {
  errors.mockRestore();
  vi.unstubAllEnvs();
  await api.close();
});

/** The stream route handler in front of a stand-in API: what it sends and what it relays. */
describe('POST /api/prompt/stream, relaying a stand-in API', () => {
  it('asks the API for an event stream, for the same client, and relays its events as the API wrote them', async () => {
    const frames = sseFrames([
      { type: 'attempt', model: 'local' },
      { type: 'token', text: 'Gist' },
      { type: 'done', model: 'local', attempts: [{ model: 'local', ok: true, duration_ms: 1 }] },
    ]);
    api.use({
      answers: {
        promptStream: fault.raw(200, frames, {
          contentType: `${EVENT_STREAM_MEDIA_TYPE}; charset=utf-8`,
        }),
      },
    });
    const response = await POST(streamRequest());
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      'x-request-id': 'relay-1',
      // The web tier's own limit, as every route handler tells it.
      'ratelimit-policy': expect.stringMatching(/^"web";q=\d+;w=\d+$/),
      ratelimit: expect.stringMatching(/^"web";r=\d+;t=\d+$/),
    });
    expect(await response.text()).toBe(frames);
    expect(api.requests).toEqual([
      expect.objectContaining({ method: 'POST', url: '/v1/prompt/stream', json: { prompt } }),
    ]);
    expect(api.requests.at(-1)?.headers).toMatchObject({
      accept: 'text/event-stream',
      'content-type': 'application/json',
      'x-request-id': 'relay-1',
      'x-forwarded-for': '203.0.113.9',
    });
  });

  it('checks each event with the contract: the relay ends at one that breaks it, logged', async () => {
    const attempt = sseFrames([{ type: 'attempt', model: 'local' }]);
    api.use({
      answers: {
        promptStream: fault.raw(
          200,
          `${attempt}event: token\ndata: {"type":"token","text":42}\n\n`,
          { contentType: EVENT_STREAM_MEDIA_TYPE },
        ),
      },
    });
    const response = await POST(streamRequest());
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe(attempt);
    await expect(reader.read()).rejects.toThrow('An event breaks the contract');
    expect(errors).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({
        request_id: 'relay-1',
        path: '/api/prompt/stream',
        cause: 'StreamContractError: An event breaks the contract',
      }),
      'The TextPulse API broke off its event stream.',
    );
  });

  it("relays the API's problem at this path, with its Retry-After", async () => {
    const problem = { type: '/problems/rate-limited', title: 'Too Many Requests', status: 429 };
    api.use({
      answers: {
        promptStream: fault.raw(429, problem, {
          contentType: 'application/problem+json',
          headers: { 'retry-after': '7' },
        }),
      },
    });
    const response = await POST(streamRequest());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await expectDocumentedAnswer(response, 'promptStream')).toEqual({
      ...problem,
      instance: '/api/prompt/stream',
    });
  });

  it.each([
    ['a 200 that is not an event stream', 200, 'application/json', '{"output": "hi"}'],
    ['an error that is not a problem', 500, 'text/html', '<h1>oops</h1>'],
  ])('answers 502 for %s', async (_name, status, contentType, body) => {
    api.use({ answers: { promptStream: fault.raw(status, body, { contentType }) } });
    const response = await POST(streamRequest());
    expect(response.status).toBe(502);
    expect(await expectDocumentedAnswer(response, 'promptStream')).toMatchObject({
      title: 'Bad Gateway',
      detail: `The TextPulse API answered ${status} with a body that breaks its contract.`,
      instance: '/api/prompt/stream',
    });
  });

  it('answers 504 and hangs up when the API does not start answering within API_TIMEOUT_MS', async () => {
    // An API that would answer long after the timeout: only the timeout can end this.
    api.use({ answers: { promptStream: fault.delay(600_000) } });
    const response = await pastTheDeadline(api, API_TIMEOUT_MS, () => POST(streamRequest()));
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({
      title: 'Gateway Timeout',
      detail: `The TextPulse API did not answer within ${API_TIMEOUT_MS} ms.`,
    });
    expect(errors).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ status: 504, cause: 'TimeoutError: The API did not answer' }),
      `The TextPulse API did not answer within ${API_TIMEOUT_MS} ms.`,
    );
    await expect.poll(() => api.abandoned).toBe(1);
  });

  it('hangs up on the API when the browser goes away before it answers', async () => {
    api.use({ answers: { promptStream: fault.delay(600_000) } });
    const browser = new AbortController();
    const answered = POST(streamRequest({ signal: browser.signal }));
    await expect.poll(() => api.requests.length).toBe(1);
    browser.abort();
    await expect.poll(() => api.abandoned).toBe(1);
    // Nobody to answer and nothing failed: no error logged, the API not called unreachable.
    expect((await answered).status).toBe(499);
    expect(errors).not.toHaveBeenCalled();
  });

  it('calls no API for a browser that has already gone', async () => {
    const browser = new AbortController();
    browser.abort();
    const response = await POST(streamRequest({ signal: browser.signal }));
    expect(api.requests).toEqual([]);
    // Not an unreachable API: nothing is logged as an error.
    expect(response.status).toBe(499);
    expect(errors).not.toHaveBeenCalled();
  });
});
