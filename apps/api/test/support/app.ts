import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

/** The production app (createApp) with test settings layered over the defaults. */
export function createTestApp(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  return createApp(loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: 'memory', ...env }));
}
