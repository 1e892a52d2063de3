import 'server-only';
import pino from 'pino';
import pretty from 'pino-pretty';
import { env } from './env';

/**
 * The web server's log: one JSON line per event (pino), as the API writes its own; with
 * LOG_FORMAT=pretty (`pnpm dev`), one readable line per event, the request id first. pino-pretty
 * runs as a stream in this process: no worker thread for the bundler to trace.
 */
export const log = pino(
  { level: env.logLevel, base: { service: 'web' } },
  env.logFormat === 'pretty'
    ? pretty({
        sync: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,service,request_id',
        messageFormat: '{if request_id}[{request_id}] {end}{msg}',
      })
    : undefined,
);
