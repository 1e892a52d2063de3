import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { HttpException, HttpStatus } from '@nestjs/common';
import { type EndpointDeclaration, endpoints } from '@textpulse/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config.js';

/** Operations whose contract documents a 429: the ones the rate limiter guards. */
const rateLimited = new Set(
  (Object.values(endpoints) as EndpointDeclaration[])
    .filter((endpoint) => 429 in endpoint.responses)
    .map((endpoint) => `${endpoint.method.toUpperCase()} ${endpoint.path}`),
);

/**
 * Security headers on every response, and a per-client (IP) rate limit on the operations that do
 * work. An exceeded limit is an error with status 429 that the problem filter answers, with the
 * plugin's Retry-After header.
 */
export async function registerSecurity(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      // Served over plain HTTP in development: do not rewrite Swagger UI's requests to https.
      directives: { upgradeInsecureRequests: null },
    },
  });
  await fastify.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowS * 1000,
    allowList: (request) => !rateLimited.has(`${request.method} ${request.routeOptions.url}`),
    errorResponseBuilder: (_request, context) =>
      new HttpException(
        `Rate limit of ${context.max} requests per ${config.rateLimit.windowS} s exceeded; retry in ${Math.ceil(context.ttl / 1000)} s.`,
        HttpStatus.TOO_MANY_REQUESTS,
      ),
  });
}
