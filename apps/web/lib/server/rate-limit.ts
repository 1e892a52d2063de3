import 'server-only';
import { type Problem, problem, rateLimitDetail } from '@textpulse/contracts';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { env } from './env';
import { problemResponse } from './problem-response';

/** The web tier's own limit, per client over all its route handlers, in this process's memory. */
const limiter = new RateLimiterMemory({
  points: env.rateLimit.max,
  duration: env.rateLimit.windowS,
});

/**
 * The client a request counts for: the last address of its X-Forwarded-For, which Next fills
 * with the connection's address when there is none (a proxy in front overwrites it; see
 * docs/SECURITY.md).
 */
export const clientOf = (headers: Headers): string =>
  headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() ||
  // Stryker disable next-line StringLiteral: any constant counts the requests without an address as one client.
  'unknown';

/**
 * Counts a request of the client; once over the limit, the problem the API would answer (429)
 * and the seconds to wait, else undefined.
 */
export async function rateLimitedProblem(
  headers: Headers,
  instance: string,
): Promise<{ problem: Problem; retryInS: number } | undefined> {
  try {
    await limiter.consume(clientOf(headers));
    return undefined;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryInS = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    const detail = rateLimitDetail(env.rateLimit.max, env.rateLimit.windowS, retryInS);
    return { problem: problem('rate-limited', { detail, instance }), retryInS };
  }
}

/** rateLimitedProblem as the 429 problem+json response with Retry-After, for a route handler. */
export async function rateLimited(
  headers: Headers,
  instance: string,
): Promise<Response | undefined> {
  const limited = await rateLimitedProblem(headers, instance);
  return limited
    ? problemResponse(limited.problem, { 'retry-after': String(limited.retryInS) })
    : undefined;
}
