import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import { rateLimitDetail } from '@textpulse/contracts';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../../config.js';
import type { Features } from '../../features.js';
import { rateLimitRedis } from './rate-limit-store.js';

/**
 * The headers helmet sets for `options`. They depend on the options only, so they are computed
 * once at start-up instead of on every request (helmet re-renders its CSP string per request).
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  helmet(options)(request, response, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.fromEntries(
    Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]),
  );
}

/** helmet's default headers, for every response (errors the framework answers included). */
export const securityHeaders = helmetHeaders({
  // Served over plain HTTP in development: do not rewrite Swagger UI's requests to https.
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
});

/**
 * Security headers on every response (helmet's defaults), and a per-client (IP) rate limit on the
 * operations declared rateLimited. An exceeded limit is an HTTP 429 that the problem filter answers, with
 * Retry-After. The counters live in this process, or in Redis at REDIS_URL, shared by every replica;
 * while Redis cannot answer, requests are let through unlimited rather than failed.
 */
export async function registerSecurity(
  fastify: FastifyInstance,
  config: AppConfig,
  features: Features,
): Promise<void> {
  if (features.has('security-headers')) {
    fastify.addHook('onRequest', (_request, reply, done) => {
      void reply.headers(securityHeaders);
      done();
    });
  }
  if (!features.has('rate-limit')) return;

  const redis =
    config.redis.url === undefined
      ? undefined
      : await rateLimitRedis(fastify, config.redis.url, config.redis.timeoutMs);

  await fastify.register(rateLimit, {
    // Only the routes whose operation is declared rateLimited: @Endpoint sets their config.rateLimit.
    global: false,
    ...(redis && { redis, nameSpace: 'textpulse:rate-limit:', skipOnError: true }),
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowS * 1000,
    // The limit shows on the wire only when it is exceeded (429 with Retry-After).
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    errorResponseBuilder: (_request, context) =>
      new HttpException(
        rateLimitDetail(context.max, config.rateLimit.windowS, Math.ceil(context.ttl / 1000)),
        HttpStatus.TOO_MANY_REQUESTS,
      ),
  });
}
