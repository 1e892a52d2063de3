import { PROBLEM_MEDIA_TYPE, type Problem } from '@textpulse/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The request path without its query string: the `instance` of a problem. */
// Stryker disable next-line StringLiteral: split() answers at least one string; the fallback only satisfies the type.
export const instanceOf = (request: FastifyRequest) => request.url.split('?', 1)[0] ?? '/';

/**
 * How every problem leaves the API, whether the problem filter or the contract hook found it:
 * problem+json, with the request path as its `instance`.
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, body: Problem): void {
  void reply
    .code(body.status)
    .type(PROBLEM_MEDIA_TYPE)
    .send({ ...body, instance: instanceOf(request) });
}
