import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import {
  BODY_TOO_LARGE_DETAIL,
  PROBLEM_MEDIA_TYPE,
  type Problem,
  type ProblemStatus,
  problem,
  problemCatalog,
  unsupportedMediaTypeDetail,
} from '@textpulse/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from './problem.exception.js';
import { instanceOf } from './request-problems.js';

const isCatalogued = (status: number): status is ProblemStatus => status in problemCatalog;

/**
 * Turns every error into RFC 9457 problem+json: HTTP errors keep their status and a safe detail,
 * anything else is a 500 that is logged and says nothing about the internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toProblem(exception, request);
    if (body.status >= 500 && !(exception instanceof ProblemException)) {
      request.log.error({ err: exception }, 'Request failed with an unexpected error');
    }
    void reply.status(body.status).type(PROBLEM_MEDIA_TYPE).send(body);
  }

  private toProblem(exception: unknown, request: FastifyRequest): Problem {
    const instance = instanceOf(request);
    if (exception instanceof ProblemException) return exception.problem;
    if (!(exception instanceof HttpException) || exception.getStatus() >= 500) {
      return problem(500, { instance });
    }
    const status = exception.getStatus();
    const detail =
      status === 413
        ? BODY_TOO_LARGE_DETAIL
        : status === 415
          ? unsupportedMediaTypeDetail(request.headers['content-type'])
          : exception.message;
    if (isCatalogued(status)) return problem(status, { detail, instance });
    return {
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      instance,
    };
  }
}
