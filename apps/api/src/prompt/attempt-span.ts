import { type Context, context, type Span } from '@opentelemetry/api';
import { activeTracer, childSpan, endFailed } from '../telemetry/tracing.js';
import { resolveModel } from './providers/model-names.js';
import type { Usage } from './providers/model-provider.js';

/**
 * The span of one model's attempt when tracing is on, named and described as the OpenTelemetry
 * conventions for generative AI say (`chat <model>`, `gen_ai.*`); undefined when it is off.
 */
export function startAttemptSpan(model: string): { span: Span; context: Context } | undefined {
  const tracer = activeTracer();
  if (!tracer) return undefined;
  const resolved = resolveModel(model);
  return childSpan(tracer, `chat ${model}`, {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': resolved?.provider ?? 'unknown',
    'gen_ai.request.model': resolved?.model ?? model,
  });
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
