import {
  type Context,
  context,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { API_VERSION } from '../version.js';

let tracer: Tracer | undefined;

/**
 * Turns the API's own spans on: called by startTelemetry, before the modules that make spans
 * are loaded. Until then (and for good when tracing is off) activeTracer() is undefined and the
 * code that would make spans registers nothing, so a request pays nothing for tracing.
 */
export function activateTracing(): void {
  tracer = trace.getTracer('@textpulse/api', API_VERSION);
}

/** The API's tracer when tracing is on, else undefined. */
export function activeTracer(): Tracer | undefined {
  return tracer;
}

/** A span under the current one, and the context in which its children are made. */
export function childSpan(
  tracing: Tracer,
  name: string,
  attributes: Record<string, string | number | boolean> = {},
): { span: Span; context: Context } {
  const span = tracing.startSpan(name, { attributes });
  return { span, context: trace.setSpan(context.active(), span) };
}

/**
 * Ends `span` as failed: ERROR status with `message`, which must be safe to export (no secrets,
 * no user text).
 */
export function endFailed(span: Span, message: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.end();
}

/**
 * A method decorator that makes each call of a route handler a span, `handle <operationId>`,
 * under the request's span and over whatever the handler does (its queries, its model calls).
 * Metadata that decorators applied before it left on the handler is carried over.
 */
export function traceHandler(tracing: Tracer, operationId: string): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    const handler = descriptor.value as unknown;
    if (typeof handler !== 'function') return;
    const functionName = `${target.constructor.name}.${String(propertyKey)}`;
    const traced = function (this: unknown, ...args: unknown[]): unknown {
      return tracing.startActiveSpan(
        `handle ${operationId}`,
        { attributes: { 'code.function.name': functionName } },
        (span) => {
          try {
            const result: unknown = Reflect.apply(handler, this, args);
            if (result instanceof Promise) {
              return result.then(
                (value: unknown) => {
                  span.end();
                  return value;
                },
                (error: unknown) => {
                  endFailed(span, errorName(error));
                  throw error;
                },
              );
            }
            span.end();
            return result;
          } catch (error) {
            endFailed(span, errorName(error));
            throw error;
          }
        },
      );
    };
    for (const key of Reflect.getMetadataKeys(handler)) {
      Reflect.defineMetadata(key, Reflect.getMetadata(key, handler), traced);
    }
    Object.defineProperty(traced, 'name', { value: handler.name });
    descriptor.value = traced as typeof descriptor.value;
  };
}

/** What a span may say of an error: its class, never its message (which may quote input). */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}
