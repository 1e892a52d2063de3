import { register } from 'node:module';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { TelemetrySettings } from '@textpulse/runtime';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import type { Telemetry } from './telemetry.js';
import { activateTracing } from './tracing.js';

/**
 * The OpenTelemetry Node SDK with the instrumentations of what the API uses: its HTTP server
 * (one span per request), fetch (the model providers' calls, which carry the trace on), pg (the
 * database, PostgreSQL or the embedded one, which pg reaches too), ioredis (shared rate limits)
 * and pino (trace_id and span_id on every log line). The span exporter follows the OTEL_*
 * variables.
 * Only loaded when telemetry is on (telemetry.ts).
 */
export async function startTelemetry(settings: TelemetrySettings): Promise<Telemetry> {
  // The API is ES modules: import-in-the-middle's loader hook lets the instrumentations patch
  // the modules imported from here on, as require-in-the-middle does for CommonJS ones.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const sdk = new NodeSDK({
    serviceName: settings.serviceName ?? 'textpulse-api',
    instrumentations: [
      new HttpInstrumentation(),
      new UndiciInstrumentation(),
      new PgInstrumentation(),
      new IORedisInstrumentation(),
      new PinoInstrumentation({ disableLogSending: true }),
    ],
    // Log lines stay on standard output, with the trace ids pino's instrumentation adds.
    logRecordProcessors: [],
  });
  sdk.start();
  activateTracing();
  await waitForAllMessagesAcknowledged();
  return { shutdown: () => sdk.shutdown() };
}
