import {
  type ContractMockServer,
  fault,
  serveContractMocks,
} from '@textpulse/contracts-testing/mocks';
import { refusedPort } from '@textpulse/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtWebServer } from '@/lib/testing/built-server';

const body = JSON.stringify({ text: 'A perfectly ordinary sentence to analyze.' });
const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/analyze`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

/** The log lines the server wrote, parsed. */
const logLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** The production build, as a browser reaches it: what it answers and what it logs. */
describe('the request id through the web server', () => {
  let api: ContractMockServer;
  let web: ReturnType<typeof builtWebServer>;
  /** The X-Request-Id of the last request the API received. */
  const lastRequestId = () => api.requests.at(-1)?.headers['x-request-id'];

  beforeAll(async () => {
    api = await serveContractMocks();
    web = await builtWebServer(api.url).start();
  });
  afterAll(async () => {
    await web.stop();
    await api.close();
  });

  it("reaches the API and comes back to the browser: the browser's own when well-formed", async () => {
    const response = await post(web.url, { 'x-request-id': 'trace-abc.123' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-abc.123');
    expect(lastRequestId()).toBe('trace-abc.123');
  });

  it('is a new one when the browser sends none, or one the API would refuse', async () => {
    const response = await post(web.url, { 'x-request-id': 'not allowed!' });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lastRequestId()).toBe(id);
  });

  it('marks the log line of a 502 (a 2xx body that breaks the contract)', async () => {
    api.use({ answers: { analyze: fault.offContract({ sentiment_score: 'high' }) } });
    const response = await post(web.url, { 'x-request-id': 'trace-502' });
    expect(response.status).toBe(502);
    expect(response.headers.get('x-request-id')).toBe('trace-502');
    await expect
      .poll(() => logLines(web.output).find((line) => line.request_id === 'trace-502'), {
        timeout: 10_000,
      })
      .toMatchObject({
        level: 50,
        service: 'web',
        path: '/api/analyze',
        status: 502,
        msg: 'The TextPulse API answered 200 with a body that breaks its contract.',
      });
  });
});

describe('the request id when the API is too slow', () => {
  let api: ContractMockServer;
  let web: ReturnType<typeof builtWebServer>;

  beforeAll(async () => {
    // An API that would answer long after the timeout: only the timeout can end this.
    api = await serveContractMocks({ answers: { analyze: fault.delay(600_000) } });
    web = await builtWebServer(api.url, { API_TIMEOUT_MS: '500' }).start();
  });
  afterAll(async () => {
    await web.stop();
    await api.close();
  });

  it('marks the log line of the 504 with the id the browser got, and no body', async () => {
    const response = await post(web.url, { 'x-request-id': 'trace-504' });
    expect(response.status).toBe(504);
    expect(response.headers.get('x-request-id')).toBe('trace-504');
    await expect
      .poll(() => logLines(web.output).find((line) => line.request_id === 'trace-504'), {
        timeout: 10_000,
      })
      .toMatchObject({ level: 50, service: 'web', path: '/api/analyze', status: 504 });
    expect(web.output).not.toContain('perfectly ordinary sentence');
  });
});

/** An address that refuses connections, where no test server can be. */
async function unreachableApi(): Promise<string> {
  return `http://127.0.0.1:${await refusedPort()}`;
}

describe('the request id when the API cannot be reached', () => {
  let web: ReturnType<typeof builtWebServer>;

  beforeAll(async () => {
    web = await builtWebServer(await unreachableApi()).start();
  });
  afterAll(() => web.stop());

  it('marks the log line of the 503 with the id the browser got', async () => {
    const response = await post(web.url);
    expect(response.status).toBe(503);
    const id = response.headers.get('x-request-id');
    await expect
      .poll(() => logLines(web.output).find((line) => line.request_id === id), {
        timeout: 10_000,
      })
      .toMatchObject({ level: 50, status: 503, cause: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('the log with LOG_FORMAT=pretty (what `pnpm dev` sets)', () => {
  let web: ReturnType<typeof builtWebServer>;

  beforeAll(async () => {
    web = await builtWebServer(await unreachableApi(), { LOG_FORMAT: 'pretty' }).start();
  });
  afterAll(() => web.stop());

  it('is one readable line per event, the request id first, and no JSON', async () => {
    const response = await post(web.url);
    expect(response.status).toBe(503);
    const id = response.headers.get('x-request-id');
    await expect
      .poll(() => web.output.split('\n').find((line) => line.includes(`[${id}]`)), {
        timeout: 10_000,
      })
      .toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] ERROR: \[[^\]]+\] The TextPulse API cannot be reached/);
    expect(logLines(web.output)).toEqual([]);
  });
});
