import { once } from 'node:events';
import { createServer } from 'node:http';
import { register } from 'node:module';
import type { AddressInfo } from 'node:net';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { RuntimeNodeInstrumentation } from '@opentelemetry/instrumentation-runtime-node';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import {
  type MetricReader,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { OtlpProtocol, TelemetrySettings } from '@textpulse/runtime';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { activateMetrics } from './metrics.js';
import type { Telemetry } from './telemetry.js';
import { activateTracing } from './tracing.js';

/** The OTLP metric exporter of each protocol; each reads its endpoint and headers from OTEL_*. */
const OTLP_METRIC_EXPORTERS: Record<OtlpProtocol, () => Promise<PushMetricExporter>> = {
  'http/protobuf': async () =>
    new (await import('@opentelemetry/exporter-metrics-otlp-proto')).OTLPMetricExporter(),
  'http/json': async () =>
    new (await import('@opentelemetry/exporter-metrics-otlp-http')).OTLPMetricExporter(),
  grpc: async () =>
    new (await import('@opentelemetry/exporter-metrics-otlp-grpc')).OTLPMetricExporter(),
};

/**
 * Serves the metrics as Prometheus text at /metrics on a port of their own (never the API's, so
 * that the public proxy, which forwards only the API's, does not expose them), and says where in
 * one line: port 0 takes any free one.
 */
async function servePrometheus(
  exporter: PrometheusExporter,
  { host, port }: { host: string; port: number },
): Promise<() => Promise<void>> {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/metrics') {
      exporter.getMetricsRequestHandler(request, response);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Metrics are at /metrics.\n');
  });
  server.listen(port, host);
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  console.log(`TextPulse API metrics at http://${host}:${bound}/metrics (Prometheus text)`);
  return async () => {
    server.close();
    await once(server, 'close');
  };
}

/**
 * The OpenTelemetry Node SDK with the instrumentations of what the API uses: its HTTP server
 * (one span per request), fetch (the model providers' calls, which carry the trace on), pg (the
 * database, PostgreSQL or the embedded one, which pg reaches too, and its connection pool), ioredis
 * (shared rate limits), pino (trace_id and span_id on every log line) and Node's runtime (the event
 * loop's delay). What it exports follows the OTEL_* variables (TelemetrySettings). Only loaded
 * when telemetry is on (telemetry.ts).
 */
export async function startTelemetry(settings: TelemetrySettings): Promise<Telemetry> {
  // The API is ES modules: import-in-the-middle's loader hook lets the instrumentations patch
  // the modules imported from here on, as require-in-the-middle does for CommonJS ones.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  const metricReaders: MetricReader[] = [];
  if (settings.otlpMetrics) {
    const exporter = await OTLP_METRIC_EXPORTERS[settings.otlpMetrics.protocol]();
    const interval = settings.otlpMetrics.intervalMs;
    metricReaders.push(
      new PeriodicExportingMetricReader({
        exporter,
        exportIntervalMillis: interval,
        exportTimeoutMillis: Math.min(interval, 30_000),
      }),
    );
  }
  const prometheus = settings.prometheus && new PrometheusExporter({ preventServerStart: true });
  if (prometheus) metricReaders.push(prometheus);

  const sdk = new NodeSDK({
    serviceName: settings.serviceName ?? 'textpulse-api',
    instrumentations: [
      new HttpInstrumentation(),
      new UndiciInstrumentation(),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
      new PinoInstrumentation({ disableLogSending: true }),
      new RuntimeNodeInstrumentation(),
    ],
    // Spans leave over OTLP (OTEL_TRACES_EXPORTER and the rest from the environment) only when
    // an endpoint is set for them.
    ...(settings.traces ? {} : { spanProcessors: [] }),
    metricReaders,
    // Log lines stay on standard output, with the trace ids pino's instrumentation adds.
    logRecordProcessors: [],
  });
  sdk.start();
  if (settings.traces) activateTracing();
  if (metricReaders.length > 0) activateMetrics();
  const stopPrometheus =
    prometheus && settings.prometheus
      ? await servePrometheus(prometheus, settings.prometheus)
      : undefined;
  await waitForAllMessagesAcknowledged();
  return {
    shutdown: async () => {
      await stopPrometheus?.();
      await sdk.shutdown();
    },
  };
}
