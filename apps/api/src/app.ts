import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BODY_LIMIT_BYTES } from '@textpulse/contracts';
import { AppModule } from './app.module.js';
import { registerContractValidation } from './common/contract/contract-validation.hook.js';
import { type AppConfig, loadConfig } from './config.js';
import { setupDocs } from './docs/docs.js';

const nestLogLevels: Record<AppConfig['logLevel'], LogLevel[] | false> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  silent: false,
};

/**
 * Builds the TextPulse API, initialized but not listening: main.ts listens, tests and
 * benchmarks use it as it is. Everything the production server does happens here.
 */
export async function createApp(config: AppConfig = loadConfig()): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });
  const fastify = adapter.getInstance();
  // Only JSON bodies are accepted: without a parser for text/plain, Fastify answers 415.
  fastify.removeContentTypeParser('text/plain');
  registerContractValidation(fastify);

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    adapter,
    {
      logger: nestLogLevels[config.logLevel],
      abortOnError: false,
    },
  );
  app.enableCors({ origin: config.corsOrigins });
  app.enableShutdownHooks();
  setupDocs(app);
  await app.init();
  await fastify.ready();
  return app;
}
