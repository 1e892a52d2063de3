import { type Context, context, type Span } from '@opentelemetry/api';
import { activeMetrics } from '../telemetry/metrics.js';
import { activeTracer, childSpan, endFailed } from '../telemetry/tracing.js';
import { resolveModel } from './providers/model-names.js';
import type { Usage } from './providers/model-provider.js';

/** What the OpenTelemetry conventions for generative AI say of an attempt of `model`. */
function attemptAttributes(model: string) {
  const resolved = resolveModel(model);
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': resolved?.provider ?? 'unknown',
    'gen_ai.request.model': resolved?.model ?? model,
  };
}

/**
 * The span of one model's attempt when tracing is on, named and described as the OpenTelemetry
 * conventions for generative AI say (`chat <model>`, `gen_ai.*`); undefined when it is off.
 */
export function startAttemptSpan(model: string): { span: Span; context: Context } | undefined {
  const tracer = activeTracer();
  if (!tracer) return undefined;
  return childSpan(tracer, `chat ${model}`, attemptAttributes(model));
}

/**
 * Records an attempt's duration and tokens when metrics are exported (`error.type` is
 * `failed` for a failed one), as the GenAI conventions' client metrics.
 */
export function recordAttempt(
  model: string,
  seconds: number,
  error: string | undefined,
  usage: Usage | undefined,
): void {
  const metrics = activeMetrics();
  if (!metrics) return;
  const attributes = attemptAttributes(model);
  metrics.modelAttemptDuration.record(seconds, {
    ...attributes,
    ...(error === undefined ? {} : { 'error.type': 'failed' }),
  });
  if (usage) {
    metrics.modelTokens.record(usage.prompt_tokens, {
      ...attributes,
      'gen_ai.token.type': 'input',
    });
    metrics.modelTokens.record(usage.completion_tokens, {
      ...attributes,
      'gen_ai.token.type': 'output',
    });
  }
}

/** Counts the chain moving on to `model` after the one before it failed. */
export function recordFallback(model: string): void {
  activeMetrics()?.modelFallbacks.add(1, attemptAttributes(model));
}

/**
 * Ends an attempt's span with its outcome (`textpulse.attempt.outcome`: ok or failed, the
 * failure's reason as its status message, which is the reason the client is shown) and the
 * tokens the provider reported.
 */
export function endAttemptSpan(span: Span, error: string | undefined, usage?: Usage): void {
  span.setAttribute('textpulse.attempt.outcome', error === undefined ? 'ok' : 'failed');
  if (usage) {
    span.setAttribute('gen_ai.usage.input_tokens', usage.prompt_tokens);
    span.setAttribute('gen_ai.usage.output_tokens', usage.completion_tokens);
  }
  if (error === undefined) span.end();
  else endFailed(span, error);
}

/** `pieces`, each of them read in `active`: the work a piece costs belongs to that context. */
export async function* withContext<T>(pieces: AsyncIterable<T>, active: Context): AsyncIterable<T> {
  const iterator = pieces[Symbol.asyncIterator]();
  try {
    while (true) {
      const next = await context.with(active, () => iterator.next());
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await context.with(active, () => iterator.return?.());
  }
}
