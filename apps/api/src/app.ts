import 'reflect-metadata';
import type { Server } from 'node:http';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BODY_LIMIT_BYTES } from '@textpulse/contracts';
import type { FastifyHttpOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { AuthService } from './auth/auth.service.js';
import { registerAuthentication } from './auth/authentication.hook.js';
import { registerCredentialLimit } from './auth/credential-limit.js';
import { registerContractResponses } from './common/contract/contract-response.hook.js';
import { registerContractValidation } from './common/contract/contract-validation.hook.js';
import { registerDeprecationHeaders } from './common/contract/deprecation.hook.js';
import { answerClientError, answerFrameworkError } from './common/http/client-errors.js';
import { registerCors } from './common/http/cors.js';
import { registerGracefulClose } from './common/http/graceful-close.js';
import { AccessLog, loggerOptions, PinoNestLogger } from './common/http/logging.js';
import { registerRawBodies } from './common/http/raw-body.js';
import { registerRequestIdHeader, requestIdOf } from './common/http/request-id.js';
import { registerSecurity } from './common/http/security.js';
import { type AppConfig, loadConfig } from './config.js';
import { setupDocs } from './docs/docs.js';
import { ALL_FEATURES, FEATURES, type Features } from './features.js';
import { type Mailer, mailerFor } from './mail/mailer.js';
import { activeMetrics } from './telemetry/metrics.js';
import { registerOperationMetrics } from './telemetry/operation-metrics.js';
import type { Telemetry } from './telemetry/telemetry.js';
import { activeTracer } from './telemetry/tracing.js';

/**
 * The Fastify server's options, as the API runs: the body limit, JSON log lines with one
 * access-log line per request, request ids, framework errors and time limits as problems.
 */
export function serverOptions(
  config: AppConfig,
  features: Features,
  logStream?: DestinationStream,
): FastifyHttpOptions<Server> {
  return {
    bodyLimit: BODY_LIMIT_BYTES,
    logger: loggerOptions(config, logStream),
    genReqId: requestIdOf,
    logController: new AccessLog(),
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError(features),
    // Path parameters as long as Node lets a request line be (its 16 KiB header limit answers 431
    // past that), so that the contract's own validation judges them: a 422, not Fastify's 414.
    routerOptions: { maxParamLength: 16 * 1024 },
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    // A request, headers and body, must arrive within REQUEST_TIMEOUT_MS (Fastify leaves it
    // unbounded); Node checks its connections every second, not every 30 s, to keep to it.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs),
    },
  };
}

/**
 * Builds the TextPulse API, initialized but not listening: server.ts listens, tests use it as
 * it is. Everything the production server does happens here, from every production feature
 * unless `features` names fewer.
 */
export async function createApp(
  config: AppConfig = loadConfig(),
  options: {
    logStream?: DestinationStream;
    features?: Features;
    mailer?: Mailer;
    /** Modules beyond the API's own: a test's fixture operations. */
    modules?: readonly Type[];
    /** OpenTelemetry, when main.ts started it: flushed as the server closes. */
    telemetry?: Telemetry;
  } = {},
): Promise<NestFastifyApplication> {
  const { features = ALL_FEATURES } = options;
  const adapter = new FastifyAdapter(serverOptions(config, features, options.logStream));
  const fastify = adapter.getInstance();
  registerRawBodies(fastify);
  const metrics = activeMetrics();
  if (activeTracer() || metrics) {
    const { registerRouteNames } = await import('./telemetry/route-names.js');
    registerRouteNames(fastify);
  }
  if (metrics) registerOperationMetrics(fastify, metrics);
  if (features.has('cors')) await registerCors(fastify, config.corsOrigins);
  if (features.has('request-id')) registerRequestIdHeader(fastify);
  registerGracefulClose(fastify);
  // Before the rate limit, which counts a verified caller on their own; the hooks run on
  // requests only, once the app below exists.
  registerAuthentication(fastify, () => app.get(AuthService), config.corsOrigins);
  await registerSecurity(fastify, config, features);
  registerContractValidation(fastify);
  // After the request gate: the limit per account reads the email of a checked body.
  if (features.has('rate-limit')) registerCredentialLimit(fastify, config.credentialRateLimit);
  if (features.has('response-check')) registerContractResponses(fastify);
  registerDeprecationHeaders(fastify);

  const mailer = options.mailer ?? mailerFor(config, fastify.log);
  fastify.addHook('onClose', () => mailer.close());
  const { telemetry } = options;
  if (telemetry) fastify.addHook('onClose', () => telemetry.shutdown());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, mailer, options.modules),
    adapter,
    {
      logger: new PinoNestLogger(fastify.log),
      bodyParser: false,
      abortOnError: false,
    },
  );
  app.enableShutdownHooks();
  const without = FEATURES.filter((feature) => !features.has(feature));
  if (without.length > 0) {
    fastify.log.warn(`Built without production features: ${without.join(', ')}`);
  }
  setupDocs(app);
  await app.init();
  await fastify.ready();
  return app;
}
