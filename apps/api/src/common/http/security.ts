import { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv6, Socket } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import { rateLimitDetail, rateLimitHeaders } from '@textpulse/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { Address6 } from 'ip-address';
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
 * Whose bucket a request counts in: its verified caller's (a person, whether through a session or
 * any of their keys), else its client address's, an IPv6 address by its /64 as the limiter's own
 * default does. Credentials that were not verified buy no bucket of their own.
 */
export function rateLimitKey(request: FastifyRequest): string {
  if (request.caller) return `caller:${request.caller.userId}`;
  return clientAddressKey(request.ip);
}

/** A client address as a rate-limit key: an IPv6 address by its /64, an IPv4-mapped one as IPv4. */
export function clientAddressKey(ip: string): string {
  if (!isIPv6(ip)) return ip.toLowerCase();
  const address = new Address6(ip);
  if (address.isMapped4()) return address.to4().correctForm();
  return new Address6(`${ip}/64`).startAddress().correctForm();
}

/** The fields @fastify/rate-limit writes: the limit, what is left of it, seconds to its reset. */
export const LEGACY_RATE_LIMIT_FIELDS = [
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
] as const;
const LEGACY_FIELDS = Object.fromEntries(LEGACY_RATE_LIMIT_FIELDS.map((field) => [field, true]));

/**
 * Every answer of a rate-limited operation tells the limit and what is left of it in the IETF
 * fields, RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers-09, the revision
 * whose two fields replace the three of the earlier drafts that the plugin's draft mode still
 * writes): the plugin's own three fields are read and replaced.
 */
function announceRateLimit(
  fastify: FastifyInstance,
  limit: { max: number; windowS: number },
): void {
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    const remaining = reply.getHeader('x-ratelimit-remaining');
    if (remaining === undefined) return done(null, payload);
    const resetInS = Number(reply.getHeader('x-ratelimit-reset'));
    for (const field of LEGACY_RATE_LIMIT_FIELDS) reply.removeHeader(field);
    const policy = { name: RATE_LIMIT_POLICY, quota: limit.max, windowS: limit.windowS };
    void reply.headers(rateLimitHeaders(policy, { remaining: Number(remaining), resetInS }));
    done(null, payload);
  });
}

/** The name of the API's limit in RateLimit-Policy and RateLimit. */
export const RATE_LIMIT_POLICY = 'api';

/**
 * Security headers on every response (helmet's defaults), and a rate limit per caller (or per
 * client address without one: rateLimitKey) on the operations declared rateLimited. An exceeded limit is an HTTP 429 that the problem filter answers, with
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
  announceRateLimit(fastify, config.rateLimit);

  const redis =
    config.redis.url === undefined
      ? undefined
      : await rateLimitRedis(fastify, config.redis.url, config.redis.timeoutMs);

  await fastify.register(rateLimit, {
    // Only the routes whose operation is declared rateLimited: @Endpoint sets their config.rateLimit.
    global: false,
    keyGenerator: rateLimitKey,
    ...(redis && { redis, nameSpace: 'textpulse:rate-limit:', skipOnError: true }),
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowS * 1000,
    // The plugin writes an older draft's three fields; announceRateLimit rewrites them.
    addHeadersOnExceeding: { ...LEGACY_FIELDS },
    addHeaders: { ...LEGACY_FIELDS, 'retry-after': true },
    errorResponseBuilder: (_request, context) =>
      new HttpException(
        rateLimitDetail(context.max, config.rateLimit.windowS, Math.ceil(context.ttl / 1000)),
        HttpStatus.TOO_MANY_REQUESTS,
      ),
  });
}
