import { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv6, Socket } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import { rateLimitDetail, rateLimitHeaders } from '@textpulse/contracts';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
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

/** Each operation counts apart: the route (method and path template) before the bucket. */
const routeBucket = (request: FastifyRequest): string =>
  `${request.routeOptions.method}${request.routeOptions.url}-${rateLimitKey(request)}`;

/** A client address as a rate-limit key: an IPv6 address by its /64, an IPv4-mapped one as IPv4. */
export function clientAddressKey(ip: string): string {
  if (!isIPv6(ip)) return ip.toLowerCase();
  const address = new Address6(ip);
  if (address.isMapped4()) return address.to4().correctForm();
  return new Address6(`${ip}/64`).startAddress().correctForm();
}

/** The name of the API's limit in RateLimit-Policy and RateLimit. */
export const RATE_LIMIT_POLICY = 'api';

/**
 * Security headers on every response (helmet's defaults), and a rate limit per caller (or per
 * client address without one: rateLimitKey) on each operation declared rateLimited
 * (limitDeclaredOperations). The counters live in this process, or in Redis at REDIS_URL, shared
 * by every replica; while Redis cannot answer, requests are let through unlimited rather than failed.
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

  // No route gets the plugin's own hook (global: false, and no route config names it): the
  // counters and their store serve limitDeclaredOperations and the credential limit.
  await fastify.register(rateLimit, {
    global: false,
    keyGenerator: routeBucket,
    ...(redis && { redis, nameSpace: 'textpulse:rate-limit:', skipOnError: true }),
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowS * 1000,
  });
  limitDeclaredOperations(fastify, config.rateLimit);
}

/**
 * Counts each request of an operation declared rateLimited, after authentication has found its
 * caller, and tells the limit and what is left of it in the IETF fields RateLimit-Policy and
 * RateLimit (draft-ietf-httpapi-ratelimit-headers-09). Over the limit, an HTTP 429 that the
 * problem filter answers, with Retry-After.
 */
function limitDeclaredOperations(
  fastify: FastifyInstance,
  limit: { max: number; windowS: number },
): void {
  const count = fastify.createRateLimit();
  const policy = { name: RATE_LIMIT_POLICY, quota: limit.max, windowS: limit.windowS };
  const check: onRequestAsyncHookHandler = async (request, reply) => {
    const counted = await count(request);
    // Only an allow-list, which this limit has none of, lets a request through uncounted.
    if (counted.isAllowed) return;
    const { ttlInSeconds } = counted;
    void reply.headers(
      rateLimitHeaders(policy, { remaining: counted.remaining, resetInS: ttlInSeconds }),
    );
    if (!counted.isExceeded) return;
    void reply.header('retry-after', String(ttlInSeconds));
    throw new HttpException(
      rateLimitDetail(limit.max, limit.windowS, ttlInSeconds),
      HttpStatus.TOO_MANY_REQUESTS,
    );
  };
  fastify.addHook('onRoute', (route) => {
    if (route.config?.endpoint?.rateLimited)
      route.onRequest = [route.onRequest ?? [], check].flat();
  });
}
