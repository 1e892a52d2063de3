import {
  type ContractMockServer,
  fault,
  serveContractMocks,
} from '@textpulse/contracts-testing/mocks';
import { descendantsOf, OtlpReceiver, type ReceivedSpan } from '@textpulse/otlp-receiver';
import { type ApiCaller, signUpCaller } from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtApiServer, builtWebServer } from '@/lib/testing/built-server';

const serverSpan = (spans: readonly ReceivedSpan[], service: string) =>
  spans.find((span) => span.service === service && span.kind === 2);

/** The log lines a server wrote, parsed. */
const logLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('one trace from the browser’s request through the web tier and the API', () => {
  const receiver = new OtlpReceiver();
  let api: ReturnType<typeof builtApiServer>;
  let web: ReturnType<typeof builtWebServer>;
  let ada: ApiCaller;
  const text = 'Ada Lovelace wrote the first program, and this text must stay private.';

  beforeAll(async () => {
    await receiver.start();
    api = await builtApiServer(receiver.tracesEnv()).start();
    web = await builtWebServer(api.url, receiver.tracesEnv()).start();
    ada = await signUpCaller(api.url);
  });
  afterAll(async () => {
    await web?.stop();
    await api?.stop();
    await receiver.stop();
  });

  it('links the web span, the API span, validation, the handler and the database', async () => {
    const response = await web.send('/api/analyses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web.url, cookie: ada.cookie },
      body: JSON.stringify({ text }),
    });
    expect(response.status).toBe(201);

    // The API's span for this request, once it has arrived: the one whose parent is in the web's trace.
    const apiRequest = await receiver.untilSpans((spans) =>
      spans.find(
        (span) =>
          span.service === 'textpulse-api' &&
          span.name === 'POST /v1/analyses' &&
          spans.some(
            (parent) => parent.service === 'textpulse-web' && parent.spanId === span.parentSpanId,
          ),
      ),
    );
    const trace = await receiver.untilSpans((spans) => {
      const found = spans.filter((span) => span.traceId === apiRequest.traceId);
      return serverSpan(found, 'textpulse-web') ? found : undefined;
    });
    const webRequest = serverSpan(trace, 'textpulse-web') as ReceivedSpan;
    expect(webRequest.name).toBe('POST /api/analyses');
    expect(webRequest.attributes['http.route']).toBe('/api/analyses');
    expect(descendantsOf(trace, webRequest)).toContainEqual(apiRequest);
    expect(apiRequest.attributes['http.route']).toBe('/v1/analyses');

    const below = descendantsOf(trace, apiRequest);
    expect(below.map((span) => span.name)).toEqual(
      expect.arrayContaining(['validate createAnalysis', 'handle createAnalysis']),
    );
    const handler = below.find((span) => span.name === 'handle createAnalysis') as ReceivedSpan;
    expect(
      descendantsOf(trace, handler).filter(
        (span) => span.attributes['db.system.name'] === 'postgresql',
      ),
    ).not.toHaveLength(0);

    const exported = receiver.bodies.join('\n');
    expect(exported).not.toContain(text);
    expect(exported).not.toContain(ada.cookie.split('=')[1]);
    expect(exported).not.toMatch(/authorization|cookie/i);
  });

  it('continues a caller’s trace on a page', async () => {
    const traceId = 'a1'.repeat(16);
    const response = await web.send('/analyze', {
      headers: { traceparent: `00-${traceId}-${'b2'.repeat(8)}-01` },
    });
    expect(response.status).toBe(200);
    const page = await receiver.untilSpans((spans) =>
      spans.find((span) => span.traceId === traceId && span.kind === 2),
    );
    expect(page).toMatchObject({
      service: 'textpulse-web',
      parentSpanId: 'b2'.repeat(8),
      attributes: expect.objectContaining({ 'http.method': 'GET', 'http.target': '/analyze' }),
    });
  });
});

describe('the web tier’s log lines when tracing is on', () => {
  const receiver = new OtlpReceiver();
  let mocks: ContractMockServer;
  let web: ReturnType<typeof builtWebServer>;

  beforeAll(async () => {
    [, mocks] = await Promise.all([
      receiver.start(),
      serveContractMocks({ answers: { analyze: fault.offContract({ sentiment_score: 'high' }) } }),
    ]);
    web = await builtWebServer(mocks.url, receiver.tracesEnv()).start();
  });
  afterAll(async () => {
    await web?.stop();
    await Promise.all([receiver.stop(), mocks?.close()]);
  });

  it('carry the trace and span ids beside the request id', async () => {
    const response = await web.send('/api/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'traced-502' },
      body: JSON.stringify({ text: 'A perfectly ordinary sentence to analyze.' }),
    });
    expect(response.status).toBe(502);
    const line = await vi.waitFor(
      () => {
        const found = logLines(web.output).find((entry) => entry.request_id === 'traced-502');
        if (!found) throw new Error('No log line of the request yet');
        return found;
      },
      { timeout: 60_000, interval: 20 },
    );
    expect(line).toMatchObject({ trace_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(line).toMatchObject({ span_id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    // The span the line was written in reaches the receiver, in the trace the line names.
    const span = await receiver.untilSpans((spans) =>
      spans.find((candidate) => candidate.spanId === line.span_id),
    );
    expect(span).toMatchObject({ service: 'textpulse-web', traceId: line.trace_id });
  });
});
