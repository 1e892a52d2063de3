import { HttpException, HttpStatus } from '@nestjs/common';
import {
  type AnyEndpoint,
  endpoints,
  rateLimitDetail,
  rateLimitHeaders,
} from '@textpulse/contracts';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { clientAddressKey } from '../common/http/security.js';
import { sendError } from '../common/problems/problem.filter.js';
import type { AppConfig } from '../config.js';

/**
 * The operations that try a password on an account, make one, or mail one a link: where
 * passwords are guessed and inboxes flooded.
 */
const CREDENTIAL_OPERATIONS: ReadonlySet<AnyEndpoint> = new Set([
  endpoints.signIn,
  endpoints.signUp,
  endpoints.requestPasswordReset,
]);

/** The account an attempt names: its email, as better-auth stores it (lower case). */
function accountOf(request: FastifyRequest): string {
  const { email } = request.body as { email: string };
  return email.toLowerCase();
}

/**
 * The stricter limit on sign-in, sign-up and password-reset attempts, on top of the rate limit every caller has:
 * at most `max` attempts per window on one account (whatever address they come from) and, counted
 * apart, from one client address (whatever accounts they name). Runs after the request gate, which
 * has checked the body that names the account; an exceeded limit is a 429 with Retry-After and
 * the "credentials" policy in RateLimit-Policy and RateLimit. The
 * counters live where the rate limit's do (this process, or Redis for every replica).
 */
export function registerCredentialLimit(
  fastify: FastifyInstance,
  limit: AppConfig['credentialRateLimit'],
): void {
  const options = { max: limit.max, timeWindow: limit.windowS * 1000, skipOnError: true };
  const perAccount = fastify.createRateLimit({
    ...options,
    keyGenerator: (request) => `credentials:account:${accountOf(request)}`,
  });
  const perAddress = fastify.createRateLimit({
    ...options,
    keyGenerator: (request) => `credentials:address:${clientAddressKey(request.ip)}`,
  });

  // The address first: an attempt it refuses is not counted against the account it names, so
  // that one address cannot lock other people out of their accounts.
  const check: preHandlerAsyncHookHandler = async (request, reply) => {
    for (const limiter of [perAddress, perAccount]) {
      const count = await limiter(request);
      if (count.isAllowed || !count.isExceeded) continue;
      // The limit that refused is this one: its fields replace the general limit's.
      const policy = { name: 'credentials', quota: limit.max, windowS: limit.windowS };
      const state = { remaining: 0, resetInS: count.ttlInSeconds };
      void reply.headers({
        'retry-after': String(count.ttlInSeconds),
        ...rateLimitHeaders(policy, state),
      });
      const detail = rateLimitDetail(limit.max, limit.windowS, count.ttlInSeconds);
      sendError(request, reply, new HttpException(detail, HttpStatus.TOO_MANY_REQUESTS));
      return reply;
    }
  };

  fastify.addHook('onRoute', (route) => {
    const endpoint = route.config?.endpoint;
    if (!endpoint || !CREDENTIAL_OPERATIONS.has(endpoint)) return;
    route.preHandler = [route.preHandler ?? [], check].flat();
  });
}
