import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BODY_LIMIT_BYTES } from '@textpulse/contracts';
import { LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { AuthService } from './auth/auth.service.js';
import { registerAuthentication } from './auth/authentication.hook.js';
import { registerCredentialLimit } from './auth/credential-limit.js';
import { registerContractResponses } from './common/contract/contract-response.hook.js';
import { registerContractValidation } from './common/contract/contract-validation.hook.js';
import { registerDeprecationHeaders } from './common/contract/deprecation.hook.js';
import { answerClientError, answerFrameworkError } from './common/http/client-errors.js';
import { registerGracefulClose } from './common/http/graceful-close.js';
import { loggerOptions, PinoNestLogger } from './common/http/logging.js';
import { registerRawBodies } from './common/http/raw-body.js';
import { registerRequestIdHeader, requestIdOf } from './common/http/request-id.js';
import { registerSecurity } from './common/http/security.js';
import { type AppConfig, loadConfig } from './config.js';
import { setupDocs } from './docs/docs.js';
import { ALL_FEATURES, FEATURES, type Features } from './features.js';
import { type Mailer, mailerFor } from './mail/mailer.js';

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
  } = {},
): Promise<NestFastifyApplication> {
  const { features = ALL_FEATURES } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: loggerOptions(config, options.logStream),
    genReqId: requestIdOf,
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
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
  });
  const fastify = adapter.getInstance();
  registerRawBodies(fastify);
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
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, mailer, options.modules),
    adapter,
    {
      logger: new PinoNestLogger(fastify.log),
      bodyParser: false,
      abortOnError: false,
    },
  );
  if (features.has('cors')) app.enableCors({ origin: config.corsOrigins });
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
