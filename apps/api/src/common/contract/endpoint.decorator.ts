import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { type AnyEndpoint, type EndpointName, endpoints } from '@textpulse/contracts';
import { activeTracer, traceHandler } from '../../telemetry/tracing.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract operation a route serves: its validation and response check follow from it. */
    endpoint?: AnyEndpoint;
  }
}

const routeDecorators = { get: Get, post: Post, put: Put, patch: Patch, delete: Delete };

/** A contract path ("/v1/analyses/{id}") as a Fastify route ("/v1/analyses/:id"). */
export const routePath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Binds a handler to an operation of the contract (by its name in the endpoint table, or a
 * declaration outside it: a test's fixture): method, path and success status come from its
 * declaration, which the route carries in its config. From there the contract hook validates the
 * request, the rate limiter guards the route when the operation is rateLimited, and the response
 * hook parses the result with the success schema. When tracing is on, each call of the handler
 * is a span named after the operation.
 */
export function Endpoint(operation: EndpointName | AnyEndpoint): MethodDecorator {
  const endpoint: AnyEndpoint = typeof operation === 'string' ? endpoints[operation] : operation;
  const tracer = activeTracer();
  return applyDecorators(
    // First, so that the decorators after it describe the traced handler.
    ...(tracer ? [traceHandler(tracer, endpoint.operationId)] : []),
    routeDecorators[endpoint.method](routePath(endpoint.path)),
    HttpCode(endpoint.success.status),
    RouteConfig({ endpoint }),
  );
}
