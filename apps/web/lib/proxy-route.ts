import 'server-only';
import {
  type AnyEndpoint,
  BODY_LIMIT_BYTES,
  BODY_TOO_LARGE_DETAIL,
  type BodyOf,
  isJsonContentType,
  Problem,
  problem,
  unsupportedMediaTypeDetail,
  validateRequest,
} from '@textpulse/contracts';
import { parseJsonBody } from '@textpulse/contracts/json-body';
import type { z } from 'zod';
import { env } from './env';
import { problemResponse } from './problem-response';

/** What an openapi-fetch call resolves to. */
interface ApiResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

interface ProxyRoute<E extends AnyEndpoint & { body: z.ZodType }> {
  /** The path this handler serves, reported as the problem `instance`. */
  path: string;
  /** The contract operation it forwards to: its schemas validate the body and the answer. */
  endpoint: E;
  /** Calls the API with the validated body. */
  call: (body: BodyOf<E>, signal: AbortSignal) => Promise<ApiResult>;
}

/**
 * A route handler that validates the body with the contract schema (the same 400/413/415/422
 * problems as the API, before any API call), forwards it with the typed client, and returns the
 * API's answer — or a problem when the API is down (503), too slow (504) or answers garbage (502).
 */
export function proxyRoute<E extends AnyEndpoint & { body: z.ZodType }>(route: ProxyRoute<E>) {
  const instance = route.path;
  return async function POST(request: Request): Promise<Response> {
    const contentType = request.headers.get('content-type');
    if (!isJsonContentType(contentType)) {
      return problemResponse(
        problem(415, { detail: unsupportedMediaTypeDetail(contentType), instance }),
      );
    }
    const raw = await request.text();
    if (Buffer.byteLength(raw) > BODY_LIMIT_BYTES) {
      return problemResponse(problem(413, { detail: BODY_TOO_LARGE_DETAIL, instance }));
    }
    const json = parseJsonBody(raw);
    if (!json.success) return problemResponse(problem(400, { detail: json.detail, instance }));
    const parsed = validateRequest(route.endpoint, { body: json.data }, instance);
    if (!parsed.success) return problemResponse(parsed.problem);

    const badGateway = (status: number) =>
      problemResponse({
        type: 'about:blank',
        title: 'Bad Gateway',
        status: 502,
        detail: `The TextPulse API answered ${status} with a body that breaks its contract.`,
        instance,
      });
    let result: ApiResult;
    try {
      result = await route.call(parsed.data.body, AbortSignal.timeout(env.apiTimeoutMs));
    } catch (error) {
      // The client parses the body of an answer: a SyntaxError means the API answered, badly.
      if (error instanceof SyntaxError) return badGateway(200);
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return problemResponse({
        type: 'about:blank',
        title: timedOut ? 'Gateway Timeout' : 'Service Unavailable',
        status: timedOut ? 504 : 503,
        detail: timedOut
          ? `The TextPulse API did not answer within ${env.apiTimeoutMs} ms.`
          : 'The TextPulse API cannot be reached. Is it running?',
        instance,
      });
    }

    const { data, error, response } = result;
    if (response.ok) {
      const answer = route.endpoint.success.schema?.safeParse(data);
      if (answer?.success) return Response.json(answer.data);
    } else {
      // The API's own problem (extension members such as attempts kept), reported at this
      // route: the API's paths stay internal.
      const forwarded = Problem.loose().safeParse(error);
      if (forwarded.success && forwarded.data.status === response.status) {
        return problemResponse({ ...forwarded.data, instance });
      }
    }
    return badGateway(response.status);
  };
}
