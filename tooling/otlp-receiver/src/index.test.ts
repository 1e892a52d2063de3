import { gzipSync } from 'node:zlib';
import { context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descendantsOf, OtlpReceiver, type ReceivedSpan } from './index.js';

describe('OtlpReceiver', () => {
  const receiver = new OtlpReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it('decodes the spans an OTLP/HTTP JSON exporter sends, with their parents and attributes', async () => {
    const exporter = new OTLPTraceExporter({ url: `${receiver.url}/v1/traces` });
    const provider = new TracerProvider({
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    const tracer = provider.getTracer('receiver-test');
    const parent = tracer.startSpan('parent', { attributes: { 'http.route': '/v1/things/{id}' } });
    const { traceId, spanId } = parent.spanContext();
    const child = tracer.startSpan(
      'child',
      { attributes: { count: 3, ok: true, ratio: 0.5, tags: ['a', 'b'] } },
      trace.setSpan(context.active(), parent),
    );
    child.addEvent('first token', { index: 1 });
    child.end();
    parent.end();
    await provider.shutdown();

    const received = await receiver.untilSpans(() =>
      receiver.trace(traceId).length === 2 ? receiver.trace(traceId) : undefined,
    );
    const receivedParent = received.find((span) => span.name === 'parent');
    expect(receivedParent).toMatchObject({
      spanId,
      parentSpanId: undefined,
      scope: 'receiver-test',
      attributes: { 'http.route': '/v1/things/{id}' },
    });
    expect(descendantsOf(received, receivedParent as ReceivedSpan)).toEqual([
      expect.objectContaining({
        name: 'child',
        attributes: { count: 3, ok: true, ratio: 0.5, tags: ['a', 'b'] },
        events: [{ name: 'first token', attributes: { index: 1 } }],
      }),
    ]);
  });

  it('decodes gzipped metrics: sums, gauges and histograms with their points', async () => {
    const body = {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'requests',
                  unit: '{request}',
                  sum: {
                    dataPoints: [
                      {
                        attributes: [{ key: 'route', value: { stringValue: '/v1/x' } }],
                        asInt: '7',
                      },
                    ],
                  },
                },
                { name: 'delay', unit: 's', gauge: { dataPoints: [{ asDouble: 0.25 }] } },
                {
                  name: 'duration',
                  unit: 's',
                  histogram: { dataPoints: [{ count: '2', sum: 1.5 }] },
                },
              ],
            },
          ],
        },
      ],
    };
    const response = await fetch(`${receiver.url}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(body)),
    });
    expect(response.status).toBe(200);
    const metrics = await receiver.untilMetrics((all) =>
      all.filter((metric) => metric.service === 'api'),
    );
    expect(metrics).toEqual([
      {
        service: 'api',
        name: 'requests',
        unit: '{request}',
        description: '',
        type: 'sum',
        points: [{ attributes: { route: '/v1/x' }, value: 7 }],
      },
      {
        service: 'api',
        name: 'delay',
        unit: 's',
        description: '',
        type: 'gauge',
        points: [{ attributes: {}, value: 0.25 }],
      },
      {
        service: 'api',
        name: 'duration',
        unit: 's',
        description: '',
        type: 'histogram',
        points: [{ attributes: {}, count: 2, sum: 1.5 }],
      },
    ]);
  });

  it('refuses protobuf with 415 and counts it, so a wrongly set exporter is visible', async () => {
    const response = await fetch(`${receiver.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(response.status).toBe(415);
    expect(receiver.refused).toContainEqual({
      path: '/v1/traces',
      contentType: 'application/x-protobuf',
    });
  });
});
