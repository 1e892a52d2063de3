import 'server-only';
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import pretty, { type PrettyOptions } from 'pino-pretty';
import { env } from './env';

/** How LOG_FORMAT=pretty shows an event: its time, level, request id and message on one line. */
export const PRETTY_FORMAT = {
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,service,request_id',
  messageFormat: '{if request_id}[{request_id}] {end}{msg}',
} satisfies PrettyOptions;

/**
 * The trace and span a line is written in, when tracing is on (instrumentation-node.ts): each line
 * written while a request is served carries them next to its request id. With tracing off there
 * is never an active span, and a line gets nothing.
 */
function traceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/**
 * The web server's log: one JSON line per event (pino), as the API writes its own; with
 * LOG_FORMAT=pretty (`pnpm dev`), one readable line per event, the request id first. pino-pretty
 * runs as a stream in this process: no worker thread for the bundler to trace.
 */
export const log = pino(
  { level: env.logLevel, base: { service: 'web' }, mixin: traceIds },
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: gateway-log.test.ts reads this stream's lines from the production build.
  env.logFormat === 'pretty' ? pretty({ ...PRETTY_FORMAT, sync: true }) : undefined,
);
