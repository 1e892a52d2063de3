import { type Counter, type Histogram, metrics } from '@opentelemetry/api';
import { API_VERSION } from '../version.js';

/**
 * The API's own metrics, beside those of the instrumentations (pg's connection pool, Node's
 * event loop). Names and units follow the OpenTelemetry semantic conventions where they have
 * one (gen_ai.*), and docs/DEPLOY.md lists them all.
 */
export interface ApiMetrics {
  /** Each answered request of a contract operation: its duration, by operation and status. */
  readonly operationDuration: Histogram;
  /** Each request the rate limit refused (429), by operation. */
  readonly rateLimitRejections: Counter;
  /** Each model attempt of the fallback chain: its duration, by model and outcome. */
  readonly modelAttemptDuration: Histogram;
  /** The tokens an attempt read and wrote, when its provider reports them. */
  readonly modelTokens: Histogram;
  /** Each time the chain moved on to its next model after one failed. */
  readonly modelFallbacks: Counter;
}

let active: ApiMetrics | undefined;

/** Turns the API's own metrics on: called by startTelemetry when metrics are exported. */
export function activateMetrics(): void {
  const meter = metrics.getMeter('@textpulse/api', API_VERSION);
  active = {
    operationDuration: meter.createHistogram('textpulse.operation.duration', {
      unit: 's',
      description:
        'Duration of the requests of each contract operation, by operationId and status.',
    }),
    rateLimitRejections: meter.createCounter('textpulse.rate_limit.rejections', {
      unit: '{request}',
      description: 'Requests refused by a rate limit (429), by operationId.',
    }),
    modelAttemptDuration: meter.createHistogram('gen_ai.client.operation.duration', {
      unit: 's',
      description: 'Duration of each model attempt of the fallback chain.',
    }),
    modelTokens: meter.createHistogram('gen_ai.client.token.usage', {
      unit: '{token}',
      description: 'Tokens read (input) and written (output) by each model attempt.',
    }),
    modelFallbacks: meter.createCounter('textpulse.model.fallbacks', {
      unit: '{fallback}',
      description: 'Times the fallback chain moved on to its next model after one failed.',
    }),
  };
}

/** The API's metrics when they are exported, else undefined: nothing is recorded. */
export function activeMetrics(): ApiMetrics | undefined {
  return active;
}
