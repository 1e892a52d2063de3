import 'server-only';
import {
  type AnyEndpoint,
  BODY_LIMIT_BYTES,
  BODY_TOO_LARGE_DETAIL,
  type BodyOf,
  INCOMPLETE_BODY_DETAIL,
  isJsonContentType,
  problem,
  type SuccessOf,
  unsupportedMediaTypeDetail,
  validateRequest,
} from '@textpulse/contracts';
import { parseJsonBody } from '@textpulse/contracts/json-body';
import type { z } from 'zod';
import {
  type ApiResult,
  type CallContext,
  type CallOptions,
  callApi,
  callContext,
} from './api-call';
import { problemResponse } from './problem-response';
import { rateLimited } from './rate-limit';
import { readBody } from './read-body';

interface ProxyRoute<E extends AnyEndpoint & { body: z.ZodType }> {
  /** The path this handler serves, reported as the problem `instance`. */
  path: string;
  /** The contract operation it forwards to: its schemas validate the body and the answer. */
  endpoint: E;
  /** Calls the API with the validated body and the options every call carries. */
  call: (body: BodyOf<E>, options: CallOptions) => Promise<ApiResult>;
  /** Where this web app shows what was created (the Location of a 201). */
  location?: (created: SuccessOf<E>) => string;
}

/**
 * A route handler that validates the body with the contract schema (the same 400/413/415/422
 * problems as the API, before any API call), forwards it with the typed client, and returns the
 * API's answer with its status — or a problem when the API is down (503), too slow (504) or
 * answers garbage (502). Each client has a limit of its own here too (429). A problem's Retry-After (429, 503) reaches the browser, and every answer
 * carries the request id (the browser's X-Request-Id when well-formed) that the API call carried.
 */
export function proxyRoute<E extends AnyEndpoint & { body: z.ZodType }>(route: ProxyRoute<E>) {
  const instance = route.path;
  /** The answer to a request; the API call carries its id and its client's address. */
  async function answer(request: Request, context: CallContext): Promise<Response> {
    const limited = await rateLimited(request.headers, instance);
    if (limited) return limited;
    const contentType = request.headers.get('content-type');
    if (!isJsonContentType(contentType)) {
      return problemResponse(
        problem(415, { detail: unsupportedMediaTypeDetail(contentType), instance }),
      );
    }
    const body = await readBody(request, BODY_LIMIT_BYTES);
    if (!body.ok) {
      return problemResponse(
        body.status === 413
          ? problem(413, { detail: BODY_TOO_LARGE_DETAIL, instance })
          : problem(400, { detail: INCOMPLETE_BODY_DETAIL, instance }),
      );
    }
    const json = parseJsonBody(body.text);
    if (!json.success) return problemResponse(problem(400, { detail: json.detail, instance }));
    const parsed = validateRequest(route.endpoint, { body: json.data }, instance);
    if (!parsed.success) return problemResponse(parsed.problem);

    const outcome = await callApi(route.endpoint, context, (options) =>
      route.call(parsed.data.body, options),
    );
    if (!outcome.ok) {
      const { problem, retryAfter } = outcome;
      return problemResponse(
        problem,
        retryAfter === undefined ? {} : { 'retry-after': retryAfter },
      );
    }
    const { status } = route.endpoint.success;
    const headers: Record<string, string> = route.location
      ? { location: route.location(outcome.data) }
      : {};
    return outcome.data === undefined
      ? new Response(null, { status, headers })
      : Response.json(outcome.data, { status, headers });
  }

  return async function POST(request: Request): Promise<Response> {
    const context = callContext(instance, request.headers);
    const response = await answer(request, context);
    response.headers.set('x-request-id', context.requestId);
    return response;
  };
}
