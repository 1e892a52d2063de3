import type { Tracer } from '@opentelemetry/api';
import type { AnyEndpoint } from '@textpulse/contracts';
import { admitHead, admitRequest } from '@textpulse/http';
import type { FastifyInstance, preHandlerHookHandler, preParsingHookHandler } from 'fastify';
import { activeTracer } from '../../telemetry/tracing.js';
import { sendProblem } from '../problems/send-problem.js';

/** Refuses a body by its headers (415, 413) before a byte of it is read. */
function head(endpoint: AnyEndpoint): preParsingHookHandler {
  return (request, reply, payload, done) => {
    const refused = admitHead(endpoint, {
      contentType: request.headers['content-type'],
      contentLength: request.headers['content-length'],
    });
    if (refused) sendProblem(request, reply, refused);
    else done(null, payload);
  };
}

/**
 * Passes each request of a contract route through the request gate before Nest sees it: its
 * body's bytes, path parameters and query. A refusal is answered here, as problem+json, without
 * throwing, so the invalid path costs about what the valid one does. The handler receives the
 * validated parts (coerced, defaults applied). When tracing is on, the check is a span,
 * `validate <operationId>`, whose status code attribute is the refusal's when there is one.
 */
function gate(endpoint: AnyEndpoint, tracer: Tracer | undefined): preHandlerHookHandler {
  const spanName = `validate ${endpoint.operationId}`;
  return (request, reply, done) => {
    const span = tracer?.startSpan(spanName);
    const admission = admitRequest(endpoint, {
      contentType: request.headers['content-type'],
      body: request.body as Buffer | undefined,
      params: request.params,
      query: request.query,
    });
    if (span) {
      if (!admission.ok) span.setAttribute('http.response.status_code', admission.problem.status);
      span.end();
    }
    if (!admission.ok) {
      sendProblem(request, reply, admission.problem);
      return;
    }
    const { inputs } = admission;
    // Stryker disable ConditionalExpression: an operation without one of these parts has no handler that reads it.
    if (endpoint.params) request.params = inputs.params;
    if (endpoint.query) request.query = inputs.query;
    if (endpoint.body) request.body = inputs.body;
    // Stryker restore ConditionalExpression
    done();
  };
}

/** Attaches the gate to every route that serves a contract operation, as Fastify adds it. */
export function registerContractValidation(fastify: FastifyInstance): void {
  const tracer = activeTracer();
  fastify.addHook('onRoute', (route) => {
    const endpoint = route.config?.endpoint;
    if (!endpoint) return;
    route.preParsing = [route.preParsing ?? [], head(endpoint)].flat();
    route.preHandler = [route.preHandler ?? [], gate(endpoint, tracer)].flat();
  });
}
