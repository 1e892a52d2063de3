import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import {
  BODY_TOO_LARGE_DETAIL,
  type Problem,
  type ProblemStatus,
  problem,
  problemCatalog,
  problemFromZodError,
  unsupportedMediaTypeDetail,
} from '@textpulse/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientGoneError } from '../http/client-gone.js';
import {
  DeadlineExceededError,
  type DomainError,
  InvalidInputError,
  NotFoundError,
  StorageUnavailableError,
  UpstreamFailedError,
} from './domain-errors.js';
import { sendProblem } from './send-problem.js';

const isCatalogued = (status: number): status is ProblemStatus => status in problemCatalog;

const statusOfDomainError = new Map<abstract new (...args: never[]) => DomainError, ProblemStatus>([
  [NotFoundError, 404],
  [UpstreamFailedError, 502],
  [StorageUnavailableError, 503],
  [DeadlineExceededError, 504],
]);

/**
 * The problem an error means for a client: domain errors map to their status with their data,
 * HTTP errors keep their status and a safe detail, anything else is a 500 that says nothing about
 * the internals. The one owner of that mapping, for problem+json answers and stream events alike.
 */
export function problemOf(exception: unknown, request: FastifyRequest): Problem {
  if (exception instanceof InvalidInputError) return problemFromZodError(exception.zodError);
  for (const [kind, status] of statusOfDomainError) {
    if (exception instanceof kind) {
      return problem(status, { detail: exception.message, ...exception.extensions });
    }
  }
  if (!(exception instanceof HttpException) || exception.getStatus() >= 500) return problem(500);
  const status = exception.getStatus();
  const detail =
    status === 413
      ? BODY_TOO_LARGE_DETAIL
      : status === 415
        ? unsupportedMediaTypeDetail(request.headers['content-type'])
        : exception.message;
  if (isCatalogued(status)) return problem(status, { detail });
  // Stryker disable next-line StringLiteral: the fallback is for statuses Node has no name for, which no HttpException here carries.
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
}

/**
 * The one owner of the error format: turns every error into RFC 9457 problem+json (problemOf);
 * a 500 is logged, a client that went away is not answered.
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
    const body = problemOf(exception, request);
    if (body.status === 500) {
      request.log.error({ err: exception }, 'Request failed with an unexpected error');
    }
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof StorageUnavailableError) {
      void reply.header('retry-after', String(exception.retryAfterS));
    }
    sendProblem(request, reply, body);
  }
}
