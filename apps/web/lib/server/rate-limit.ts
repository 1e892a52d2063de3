import 'server-only';
import { type Problem, problem, rateLimitDetail, rateLimitHeaders } from '@textpulse/contracts';
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

/** The name of the web tier's limit in RateLimit-Policy and RateLimit. */
export const RATE_LIMIT_POLICY = 'web';

/** A request counted: the IETF rate-limit fields to answer with, and the refusal once over the limit. */
interface Counted {
  headers: { 'RateLimit-Policy': string; RateLimit: string };
  refused?: { problem: Problem; retryInS: number };
}

/**
 * Counts a request of the client: what is left of the limit, in the fields of
 * draft-ietf-httpapi-ratelimit-headers-09, and once over it the problem the API would answer
 * (429) with the seconds to wait.
 */
async function count(headers: Headers, instance: string): Promise<Counted> {
  const policy = {
    name: RATE_LIMIT_POLICY,
    quota: env.rateLimit.max,
    windowS: env.rateLimit.windowS,
  };
  const fields = (state: RateLimiterRes) =>
    rateLimitHeaders(policy, {
      remaining: state.remainingPoints,
      resetInS: state.msBeforeNext / 1000,
    });
  try {
    return { headers: fields(await limiter.consume(clientOf(headers))) };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryInS = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    const detail = rateLimitDetail(env.rateLimit.max, env.rateLimit.windowS, retryInS);
    const problem429 = problem('rate-limited', { detail, instance });
    return { headers: fields(rejection), refused: { problem: problem429, retryInS } };
  }
}

/** Counts a request of a Server Action: the 429 problem once over the limit, else undefined. */
export async function rateLimitedProblem(
  headers: Headers,
  instance: string,
): Promise<{ problem: Problem; retryInS: number } | undefined> {
  return (await count(headers, instance)).refused;
}

/**
 * Counts a request of a route handler: the rate-limit fields every answer carries, and once over
 * the limit the 429 problem+json response with Retry-After.
 */
export async function rateLimited(
  headers: Headers,
  instance: string,
): Promise<{ headers: Counted['headers']; refused?: Response }> {
  const counted = await count(headers, instance);
  if (!counted.refused) return { headers: counted.headers };
  const { problem: refusal, retryInS } = counted.refused;
  const retryAfter = { 'retry-after': String(retryInS), ...counted.headers };
  return { headers: counted.headers, refused: problemResponse(refusal, retryAfter) };
}
