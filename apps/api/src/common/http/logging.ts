import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../../config.js';

/**
 * pino-pretty for a person at a terminal: one line per event, a request's as its id, method,
 * path, status and duration. Never in production, whose logs stay JSON (LOG_FORMAT=json).
 */
const PRETTY = {
  target: 'pino-pretty',
  options: {
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,request_id,req,res,responseTime',
    messageFormat:
      '{if request_id}[{request_id}] {end}{msg}{if req} {req.method} {req.url}{end}{if res} → {res.statusCode} in {responseTime} ms{end}',
  },
};

/**
 * pino options for Fastify: JSON lines (or readable ones, LOG_FORMAT=pretty), the request id on every request's lines, and secrets and
 * user text redacted wherever they would appear.
 */
export function loggerOptions(
  config: AppConfig,
  stream?: DestinationStream,
): FastifyServerOptions['logger'] {
  const secrets = [config.openai.apiKey].filter((secret) => secret !== undefined);
  return {
    level: config.logLevel,
    ...(stream ? { stream } : config.logFormat === 'pretty' ? { transport: PRETTY } : {}),
    // Configured secrets are censored by value too, wherever they appear (an upstream error
    // message quoting the key, say), which the path-based redaction below cannot foresee.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: censoring with no secrets changes no line; the condition only spares the hook.
    ...(secrets.length > 0
      ? { hooks: { streamWrite: (line: string) => censor(line, secrets) } }
      : {}),
    redact: {
      paths: ['*.apiKey', '*.api_key', '*.prompt', '*.text', 'body'],
      censor: '[redacted]',
    },
  };
}

function censor(line: string, secrets: readonly string[]): string {
  return secrets.reduce((censored, secret) => censored.replaceAll(secret, '[redacted]'), line);
}

/** Routes Nest's own log lines (start-up, errors) to the same pino logger, as JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: FastifyBaseLogger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string) {
    this.logger.fatal({ context }, String(message));
  }
}
