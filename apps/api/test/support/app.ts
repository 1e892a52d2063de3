import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Mailer } from '../../src/mail/mailer.js';
import type { LogLines } from './logs.js';

/**
 * The production app (createApp) with test settings layered over the defaults; given `logs`, its
 * info-level lines go there; given `mailer`, it sends mail there (a CapturingMailer). Tests sign
 * many people up from one address: the stricter limit on credential attempts is lifted unless a
 * test sets AUTH_RATE_LIMIT_MAX itself.
 */
export function createTestApp(
  env: Record<string, string> = {},
  { logs, mailer, modules }: { logs?: LogLines; mailer?: Mailer; modules?: readonly Type[] } = {},
): Promise<NestFastifyApplication> {
  return createApp(
    loadConfig({
      LOG_LEVEL: logs ? 'info' : 'silent',
      DATA_DIR: 'memory',
      AUTH_RATE_LIMIT_MAX: '1000000',
      ...env,
    }),
    { ...(logs && { logStream: logs }), ...(mailer && { mailer }), ...(modules && { modules }) },
  );
}
