import { readFileSync } from 'node:fs';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { OtlpReceiver, type ReceivedMetric } from '@textpulse/otlp-receiver';
import {
  type ApiCaller,
  builtApi,
  type RunningServer,
  signUpCaller,
  startServer,
} from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

interface DocumentedMetric {
  name: string;
  prometheus: string;
  unit: string;
  type: 'histogram' | 'counter' | 'up-down counter' | 'gauge';
}

/** The rows of docs/DEPLOY.md's "Metrics" table: what this test holds the API to. */
function documentedMetrics(): DocumentedMetric[] {
  const section = readFileSync(new URL('../../../docs/DEPLOY.md', import.meta.url), 'utf8')
    .split(/^## /m)
    .find((part) => part.startsWith('Metrics'));
  return [
    ...(section ?? '').matchAll(
      /^\| `([a-z0-9_.]+)` +\| `([a-z0-9_]+)` +\| `([^`]+)` +\| ([a-z -]+?) +\|/gm,
    ),
  ].map(([, name = '', prometheus = '', unit = '', type = '']) => ({
    name,
    prometheus,
    unit,
    type: type as DocumentedMetric['type'],
  }));
}

/** How OTLP carries each documented type. */
const OTLP_TYPE = {
  histogram: 'histogram',
  counter: 'sum',
  'up-down counter': 'sum',
  gauge: 'gauge',
} as const;

/** How Prometheus text declares it: an up-down counter can go down, so it is a gauge there. */
const PROMETHEUS_TYPE = {
  histogram: 'histogram',
  counter: 'counter',
  'up-down counter': 'gauge',
  gauge: 'gauge',
} as const;

const METRICS_AT = /metrics at (http:\/\/\S+\/metrics)/;

const PROMPT = 'Which model answers this private question?';
const STORED_TEXT = 'A private text to store, never a label of a metric.';

describe('metrics over OTLP and as Prometheus text', () => {
  const receiver = new OtlpReceiver();
  const fake = new FakeOpenAI();
  let server: RunningServer;
  let ada: ApiCaller;
  const documented = documentedMetrics();

  beforeAll(async () => {
    await Promise.all([receiver.start(), fake.start()]);
    server = await startServer(
      builtApi({
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_METRICS_EXPORTER: 'otlp,prometheus',
          OTEL_METRIC_EXPORT_INTERVAL: '200',
          OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
          OTEL_EXPORTER_PROMETHEUS_PORT: '0',
          OTEL_TRACES_EXPORTER: 'none',
          DATA_DIR: 'memory',
          LOG_LEVEL: 'warn',
          RATE_LIMIT_MAX: '3',
          OPENAI_BASE_URL: fake.baseURL,
          OPENAI_API_KEY: 'sk-test-secret',
          TEXTPULSE_MODELS: 'openai:fail-500,openai:ok',
        },
      }),
    );
    ada = await signUpCaller(server.url);
    // What the documented metrics count: answered and refused requests, a stored analysis (the
    // database's pool), and a prompt whose first model fails.
    for (let request = 0; request < 4; request++) {
      await fetch(`${server.url}/v1/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'A short and happy text to count.' }),
      });
    }
    await fetch(`${server.url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ada.headers },
      body: JSON.stringify({ text: STORED_TEXT }),
    });
    const answered = await fetch(`${server.url}/v1/prompt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ada.headers },
      body: JSON.stringify({ prompt: PROMPT }),
    });
    expect(answered.status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all([receiver.stop(), fake.stop()]);
  });

  it('documents the metrics in docs/DEPLOY.md', () => {
    expect(documented.map((metric) => metric.name)).toEqual(
      expect.arrayContaining([
        'textpulse.operation.duration',
        'textpulse.rate_limit.rejections',
        'gen_ai.client.operation.duration',
        'textpulse.model.fallbacks',
        'db.client.connection.count',
        'nodejs.eventloop.delay.p99',
      ]),
    );
  });

  it('exports each documented metric over OTLP, with its name, unit and type', async () => {
    const received = await receiver.untilMetrics((metrics) =>
      documented.every((metric) => metrics.some((found) => found.name === metric.name))
        ? metrics
        : undefined,
    );
    for (const metric of documented) {
      expect(
        received.find((found) => found.name === metric.name),
        metric.name,
      ).toMatchObject({
        service: 'textpulse-api',
        unit: metric.unit,
        type: OTLP_TYPE[metric.type],
      });
    }
  });

  it('serves each documented metric as Prometheus text on a port of its own', async () => {
    const url = METRICS_AT.exec(server.output())?.[1];
    expect(url).toBeDefined();
    expect(new URL(url as string).port).not.toBe(String(server.port));
    const text = await (await fetch(url as string)).text();
    for (const metric of documented) {
      expect(text, metric.prometheus).toContain(`# UNIT ${metric.prometheus} ${metric.unit}\n`);
      expect(text, metric.prometheus).toContain(
        `# TYPE ${metric.prometheus} ${PROMETHEUS_TYPE[metric.type]}\n`,
      );
    }
    // The API's own port does not serve them.
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it('counts requests, errors and refusals per operation, and the chain’s attempts and fallbacks', async () => {
    const latest = (name: string) =>
      receiver.untilMetrics((metrics) =>
        metrics.findLast((metric): metric is ReceivedMetric => metric.name === name),
      );
    await vi.waitFor(
      async () => {
        const requests = (await latest('textpulse.operation.duration')).points;
        expect(requests).toContainEqual(
          expect.objectContaining({
            attributes: {
              'textpulse.operation.id': 'analyzeText',
              'http.request.method': 'POST',
              'http.response.status_code': 200,
            },
            count: 3,
          }),
        );
        expect(requests).toContainEqual(
          expect.objectContaining({
            attributes: expect.objectContaining({
              'textpulse.operation.id': 'analyzeText',
              'http.response.status_code': 429,
            }),
            count: 1,
          }),
        );
        expect((await latest('textpulse.rate_limit.rejections')).points).toEqual([
          { attributes: { 'textpulse.operation.id': 'analyzeText' }, value: 1 },
        ]);
        const attempts = (await latest('gen_ai.client.operation.duration')).points;
        expect(attempts).toContainEqual(
          expect.objectContaining({
            attributes: expect.objectContaining({
              'gen_ai.request.model': 'fail-500',
              'error.type': 'failed',
            }),
            count: 1,
          }),
        );
        expect(attempts).toContainEqual(
          expect.objectContaining({
            attributes: expect.not.objectContaining({ 'error.type': expect.anything() }),
            count: 1,
          }),
        );
        expect((await latest('textpulse.model.fallbacks')).points).toEqual([
          {
            attributes: expect.objectContaining({ 'gen_ai.request.model': 'ok' }),
            value: 1,
          },
        ]);
        expect((await latest('gen_ai.client.token.usage')).points).toContainEqual(
          expect.objectContaining({
            attributes: expect.objectContaining({ 'gen_ai.token.type': 'input' }),
            sum: 9,
          }),
        );
      },
      { timeout: 60_000, interval: 100 },
    );
  });

  it('exports no body, prompt, cookie or key in its metrics, over OTLP or as Prometheus text', async () => {
    const url = METRICS_AT.exec(server.output())?.[1] as string;
    const exported = `${receiver.bodies.join('\n')}\n${await (await fetch(url)).text()}`;
    expect(receiver.bodies.length).toBeGreaterThan(0);
    for (const secret of [PROMPT, STORED_TEXT, ada.key, ada.cookie.split('=')[1] as string]) {
      expect(exported).not.toContain(secret);
    }
    expect(exported).not.toMatch(/authorization|cookie|sk-test-secret/i);
  });
});
