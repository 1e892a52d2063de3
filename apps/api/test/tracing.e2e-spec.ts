import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { descendantsOf, OtlpReceiver, type ReceivedSpan } from '@textpulse/otlp-receiver';
import {
  type ApiCaller,
  builtApi,
  type RunningServer,
  signUpCaller,
  startServer,
} from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Prints each OpenTelemetry SDK module the process loads: see module-probe.mjs. */
const moduleProbe = fileURLToPath(new URL('./support/module-probe.mjs', import.meta.url));

/** A new trace, as a caller that traces would start it: its id and the header that carries it. */
function newTrace() {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { traceId, parentId, traceparent: `00-${traceId}-${parentId}-01` };
}

const named = (spans: readonly ReceivedSpan[], name: string) =>
  spans.find((span) => span.name === name);

/** The spans of one trace, once the request's own span (which ends last) has arrived. */
const requestTrace = (receiver: OtlpReceiver, traceId: string, requestSpan: string) =>
  receiver.untilSpans((spans) => {
    const trace = spans.filter((span) => span.traceId === traceId);
    return named(trace, requestSpan) ? trace : undefined;
  });

interface LogLine {
  msg?: string;
  route?: string;
  trace_id?: string;
  span_id?: string;
  request_id?: string;
}

const logLines = (server: RunningServer): LogLine[] =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

describe('tracing on: the API continues the caller’s trace', () => {
  const receiver = new OtlpReceiver();
  const fake = new FakeOpenAI();
  let server: RunningServer;
  let ada: ApiCaller;
  const text = 'Secret words of Ada, which must never leave the API in a span.';

  beforeAll(async () => {
    await Promise.all([receiver.start(), fake.start()]);
    server = await startServer(
      builtApi({
        env: {
          ...receiver.tracesEnv(),
          DATA_DIR: 'memory',
          LOG_LEVEL: 'info',
          OPENAI_BASE_URL: fake.baseURL,
          OPENAI_API_KEY: 'sk-test-secret',
          TEXTPULSE_MODELS: 'openai:fail-500,openai:ok',
        },
      }),
    );
    ada = await signUpCaller(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all([receiver.stop(), fake.stop()]);
  });

  it('makes one trace of a stored analysis: request, validation, handler, database', async () => {
    const { traceId, parentId, traceparent } = newTrace();
    const response = await fetch(`${server.url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: ada.cookie, traceparent },
      body: JSON.stringify({ text }),
    });
    expect(response.status).toBe(201);

    const trace = await requestTrace(receiver, traceId, 'POST /v1/analyses');
    const request = named(trace, 'POST /v1/analyses');
    expect(request).toMatchObject({
      service: 'textpulse-api',
      parentSpanId: parentId,
      kind: 2,
      attributes: expect.objectContaining({
        'http.route': '/v1/analyses',
        'http.request.method': 'POST',
        'http.response.status_code': 201,
      }),
    });
    const below = descendantsOf(trace, request as ReceivedSpan);
    const validation = named(below, 'validate createAnalysis');
    const handler = named(below, 'handle createAnalysis');
    expect(validation?.parentSpanId).toBe(request?.spanId);
    expect(handler?.parentSpanId).toBe(request?.spanId);
    expect(handler?.attributes['code.function.name']).toBe('AnalysesController.create');
    const queries = descendantsOf(trace, handler as ReceivedSpan).filter(
      (span) => span.attributes['db.system.name'] === 'postgresql',
    );
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.map((span) => span.attributes['db.query.text'])).toContainEqual(
      expect.stringMatching(/^insert into "analyses"/i),
    );
  });

  it('names a request by its route template, never by its path with ids', async () => {
    const created = await fetch(`${server.url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: ada.cookie },
      body: JSON.stringify({ text }),
    });
    const { id } = (await created.json()) as { id: string };
    const { traceId, traceparent } = newTrace();
    await fetch(`${server.url}/v1/analyses/${id}`, {
      headers: { cookie: ada.cookie, traceparent },
    });

    const trace = await requestTrace(receiver, traceId, 'GET /v1/analyses/{id}');
    expect(named(trace, 'GET /v1/analyses/{id}')?.attributes['http.route']).toBe(
      '/v1/analyses/{id}',
    );
    for (const span of trace) expect(span.name).not.toContain(id);
  });

  it('writes the trace and span ids on the request’s log line', async () => {
    const { traceId, traceparent } = newTrace();
    await fetch(`${server.url}/v1/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent },
      body: JSON.stringify({ text }),
    });
    const trace = await requestTrace(receiver, traceId, 'POST /v1/analyze');
    const line = logLines(server).find((entry) => entry.trace_id === traceId);
    expect(line).toMatchObject({
      msg: 'request completed',
      route: '/v1/analyze',
      span_id: named(trace, 'POST /v1/analyze')?.spanId,
      request_id: expect.any(String),
    });
  });

  it('makes each model attempt of the fallback chain a span with its outcome and tokens', async () => {
    const { traceId, traceparent } = newTrace();
    const prompt = 'A private question for the models.';
    const response = await fetch(`${server.url}/v1/prompt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ada.headers, traceparent },
      body: JSON.stringify({ prompt }),
    });
    expect(response.status).toBe(200);

    const trace = await requestTrace(receiver, traceId, 'POST /v1/prompt');
    const handler = named(trace, 'handle answerPrompt') as ReceivedSpan;
    const attempts = trace.filter((span) => span.parentSpanId === handler.spanId);
    expect(attempts.map((span) => span.name)).toEqual(['chat openai:fail-500', 'chat openai:ok']);
    const [failed, answered] = attempts;
    expect(failed).toMatchObject({
      status: { code: 2, message: expect.stringContaining('500') },
      attributes: expect.objectContaining({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'fail-500',
        'textpulse.attempt.outcome': 'failed',
      }),
    });
    expect(answered).toMatchObject({
      status: { code: 0 },
      attributes: expect.objectContaining({
        'gen_ai.request.model': 'ok',
        'textpulse.attempt.outcome': 'ok',
        'gen_ai.usage.input_tokens': 9,
        'gen_ai.usage.output_tokens': expect.any(Number),
      }),
    });
    // Each attempt's call to the provider is its child, and carries the trace to the provider.
    for (const attempt of attempts) {
      expect(trace.filter((span) => span.parentSpanId === attempt.spanId)).toContainEqual(
        expect.objectContaining({ kind: 3 }),
      );
    }
    expect(fake.requests.at(-1)?.traceparent).toContain(traceId);
  });

  it('makes a streamed answer one attempt span with its first token as an event', async () => {
    const { traceId, traceparent } = newTrace();
    const response = await fetch(`${server.url}/v1/prompt/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ada.headers, traceparent },
      body: JSON.stringify({ prompt: 'Stream me an answer.', models: ['openai:ok'] }),
    });
    await response.text();

    const trace = await receiver.untilSpans((spans) => {
      const attempt = spans.find(
        (span) => span.traceId === traceId && span.name === 'chat openai:ok',
      );
      return attempt;
    });
    expect(trace.events.map((event) => event.name)).toEqual(['gen_ai.first_token']);
    expect(trace.attributes).toMatchObject({
      'textpulse.attempt.outcome': 'ok',
      'gen_ai.usage.input_tokens': 9,
    });
  });

  it('exports no body, prompt, cookie, API key or Authorization header', async () => {
    // Every export so far: the requests above sent each of these.
    const exported = receiver.bodies.join('\n');
    expect(exported.length).toBeGreaterThan(0);
    for (const secret of [
      text,
      'A private question for the models.',
      'Stream me an answer.',
      ada.cookie.split('=')[1] as string,
      ada.key,
      'sk-test-secret',
    ]) {
      expect(exported).not.toContain(secret);
    }
    expect(exported).not.toMatch(/authorization|cookie/i);
  });
});

describe('tracing off (the default)', () => {
  it('loads no part of the OpenTelemetry SDK, so no exporter exists', async () => {
    const server = await startServer(
      builtApi({ nodeArgs: ['--import', moduleProbe], env: { DATA_DIR: 'memory' } }),
    );
    try {
      const response = await fetch(`${server.url}/v1/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Nothing here is traced, and nothing is exported.' }),
      });
      expect(response.status).toBe(200);
      expect(server.output()).not.toContain('opentelemetry module loaded');
    } finally {
      await server.stop();
    }
  });

  it('the same probe sees the SDK when tracing is on', async () => {
    const receiver = await new OtlpReceiver().start();
    const server = await startServer(
      builtApi({
        nodeArgs: ['--import', moduleProbe],
        env: { ...receiver.tracesEnv(), DATA_DIR: 'memory' },
      }),
    );
    try {
      expect(server.output()).toContain('opentelemetry module loaded: @opentelemetry/sdk-node');
    } finally {
      await server.stop();
      await receiver.stop();
    }
  });
});
