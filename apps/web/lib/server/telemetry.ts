import 'server-only';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { TelemetrySettings } from '@textpulse/runtime';

/**
 * The OpenTelemetry Node SDK for the web server, loaded only when telemetry is on
 * (instrumentation-node.ts). Next makes the spans of pages, route handlers and Server Actions
 * itself once a tracer provider is registered; the fetch instrumentation makes each call to the
 * API a span and sends the trace on with it (W3C traceparent). Spans leave over OTLP as the
 * OTEL_* variables say; metrics are the API's (none from here), and log lines stay on standard
 * output (log.ts adds the trace ids to them).
 */
export function startTelemetry(settings: TelemetrySettings): void {
  const sdk = new NodeSDK({
    serviceName: settings.serviceName ?? 'textpulse-web',
    instrumentations: [new UndiciInstrumentation()],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
}
