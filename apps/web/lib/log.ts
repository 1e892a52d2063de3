import 'server-only';
import pino from 'pino';
import { env } from './env';

/** The web server's log: one JSON line per event (pino), as the API writes its own. */
export const log = pino({ level: env.logLevel, base: { service: 'web' } });
