import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import {
  type Problem,
  type ProblemName,
  problem,
  problemFromZodError,
  WWW_AUTHENTICATE,
} from '@textpulse/contracts';
import { bodyReadProblem } from '@textpulse/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientGoneError } from '../http/client-gone.js';
import {
  AccountExistsError,
  DeadlineExceededError,
  type DomainError,
  EmailNotVerifiedError,
  ForbiddenError,
  InvalidCredentialsError,
  InvalidInputError,
  LinkExpiredError,
  NotFoundError,
  StorageUnavailableError,
  UnauthorizedError,
  UpstreamFailedError,
} from './domain-errors.js';
import { sendProblem } from './send-problem.js';

const nameOfDomainError = new Map<abstract new (...args: never[]) => DomainError, ProblemName>([
  [NotFoundError, 'not-found'],
  [UpstreamFailedError, 'upstream-failed'],
  [StorageUnavailableError, 'storage-unavailable'],
  [DeadlineExceededError, 'deadline-exceeded'],
  [UnauthorizedError, 'unauthorized'],
  [InvalidCredentialsError, 'invalid-credentials'],
  [ForbiddenError, 'forbidden'],
  [AccountExistsError, 'account-exists'],
  [EmailNotVerifiedError, 'email-not-verified'],
  [LinkExpiredError, 'link-expired'],
]);

/** The problem each client-error status of an HTTP exception (Nest's, Fastify's, ours) means. */
const nameOfClientError = new Map<number, ProblemName>([
  [400, 'malformed-request'],
  [404, 'not-found'],
  [405, 'method-not-allowed'],
  [413, 'content-too-large'],
  [415, 'unsupported-media-type'],
  [429, 'rate-limited'],
]);

/**
 * The problem an error means for a client: domain errors map to their problem with their data,
 * HTTP errors to the catalog's problem for their status with a safe detail, anything else (a
 * status the catalog has no problem for included) is a 500 that says nothing about the internals.
 * The one owner of that mapping, for problem+json answers and stream events alike.
 */
export function problemOf(exception: unknown): Problem {
  if (exception instanceof InvalidInputError) return problemFromZodError(exception.zodError);
  for (const [kind, name] of nameOfDomainError) {
    if (exception instanceof kind) {
      return problem(name, { detail: exception.message, ...exception.extensions });
    }
  }
  if (!(exception instanceof HttpException)) return problem('internal-error');
  const name = nameOfClientError.get(exception.getStatus());
  if (!name) return problem('internal-error');
  // Fastify's own refusal of a body longer than bodyLimit, in the gate's words.
  if (name === 'content-too-large') return bodyReadProblem('too-large');
  return problem(name, { detail: exception.message });
}

/**
 * Answers an error as RFC 9457 problem+json (problemOf), with the headers its problem carries
 * (Retry-After, WWW-Authenticate); a 500 is logged. What the filter and the hooks that answer
 * before Nest (authentication) both call.
 */
export function sendError(request: FastifyRequest, reply: FastifyReply, exception: unknown): void {
  const body = problemOf(exception);
  if (body.status === 500) {
    request.log.error({ err: exception }, 'Request failed with an unexpected error');
  }
  if (exception instanceof StorageUnavailableError) {
    void reply.header('retry-after', String(exception.retryAfterS));
  }
  if (exception instanceof UnauthorizedError) {
    void reply.header('www-authenticate', WWW_AUTHENTICATE);
  }
  sendProblem(request, reply, body);
}

/**
 * The one owner of the error format: turns every error a handler throws into problem+json
 * (sendError); a client that went away is not answered.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (exception instanceof ClientGoneError) {
      // Nobody is left to answer; the access log has the request.
      request.log.info('The client closed the connection before its answer');
      return;
    }
    sendError(request, http.getResponse<FastifyReply>(), exception);
  }
}
