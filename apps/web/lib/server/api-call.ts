import 'server-only';
import {
  type AnyEndpoint,
  type EndpointInputs,
  type EndpointName,
  type Endpoints,
  endpoints,
  type HttpMethod,
  type Parsed,
  PROBLEM_MEDIA_TYPE,
  type Problem,
  type ProblemOf,
  problem,
  type StatusOf,
  type SuccessOf,
} from '@textpulse/contracts';
import { causesOf } from '@textpulse/runtime';
import type { z } from 'zod';
import { api } from './api';
import { env } from './env';
import { log } from './log';
import { requestIdOf } from './request-id';
import { sessionCookieOf } from './session-cookie';

/** What a call of an operation sends: each part it declares, as the request gate admitted it. */
export type CallInputs<E> = {
  [K in keyof EndpointInputs as E extends Record<K, z.ZodType> ? K : never]: E extends Record<
    K,
    infer S
  >
    ? Parsed<S>
    : never;
};

/** What an openapi-fetch call resolves to. */
interface ApiResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The typed client's request() for any operation of the endpoint table, which types the inputs
 * and the result instead (the client's contract-types test proves both describe the same API).
 */
const requestOperation = api.request as unknown as (
  method: HttpMethod,
  path: string,
  init: {
    params: { path?: unknown; query?: unknown };
    body?: unknown;
    signal: AbortSignal;
    headers: Record<string, string>;
    cache: RequestCache;
  },
) => Promise<ApiResult>;

/**
 * The API's answer read with the contract: the success body its schema accepts, or a problem —
 * the API's own (with its Retry-After), or 502/503/504 when the API answers garbage, cannot be
 * reached or is too slow.
 */
export type ApiOutcome<T, P extends Problem = Problem> =
  | { ok: true; data: T; setCookies: string[] }
  | { ok: false; problem: P; retryAfter?: string };

/** The web tier's own problems for a call: the API answered off its contract, not at all, or too late. */
type GatewayName = 'api-bad-answer' | 'api-unreachable' | 'api-timeout';
type GatewayProblemOf<N extends GatewayName> = Problem & {
  type: `/problems/${N}`;
  status: StatusOf<N>;
  detail: string;
};
export type GatewayProblem =
  | GatewayProblemOf<'api-bad-answer'>
  | GatewayProblemOf<'api-unreachable'>
  | GatewayProblemOf<'api-timeout'>;

/**
 * What a call of `operation` may end with instead of its data: a problem the operation declares
 * (the API's, checked with the declared schema of its status), or the web tier's own. A union
 * discriminated by `type`: a caller tells apart the problems that share a status.
 */
export type CallProblem<N extends EndpointName> = ProblemOf<Endpoints[N]> | GatewayProblem;

/**
 * Where a call comes from: the web path it answers (a problem's instance), its request id, the
 * end user's address chain as this server received it (X-Forwarded-For), and the signed-in
 * person's session cookie, so that the API is called as that person.
 */
export interface CallContext {
  instance: string;
  requestId: string;
  forwardedFor?: string | undefined;
  session?: string | undefined;
}

/**
 * The context of a call made while answering a request with these headers. Next fills
 * X-Forwarded-For with the connection's address when the request has none, so the API (with
 * TRUST_PROXY naming this server) counts each end user on their own. Of the browser's cookies,
 * only the session cookie goes on to the API.
 */
export const callContext = (instance: string, headers: Headers): CallContext => ({
  instance,
  requestId: requestIdOf(headers),
  forwardedFor: headers.get('x-forwarded-for') ?? undefined,
  session: sessionCookieOf(headers),
});

/** When to try again after the web tier's own 503 (the API cannot be reached), in seconds. */
export const UNREACHABLE_RETRY_AFTER_S = 5;

/**
 * What a page throws when the API failed to give it its data (any 5xx, the API's or the web
 * tier's own): thrown before anything is streamed, it makes Next answer 500 with the error page,
 * so the status says what the page could not show.
 */
export class ApiFailedError extends Error {
  override readonly name = 'ApiFailedError';

  constructor(readonly problem: Problem) {
    super(`The page's data could not be read: ${problem.status} ${problem.title}`);
  }
}

/** The outcome a page renders: its data or a problem it shows (4xx); throws ApiFailedError on a 5xx. */
export function unlessFailed<T>(outcome: ApiOutcome<T>): ApiOutcome<T> {
  if (!outcome.ok && outcome.problem.status >= 500) throw new ApiFailedError(outcome.problem);
  return outcome;
}

/**
 * What went wrong underneath, for the log: each error's name and message down its causes (fetch
 * hides ECONNREFUSED in one). A SyntaxError's message quotes the body, so only its name is kept.
 */
function describeCause(error: unknown): string | undefined {
  const parts = causesOf(error).map((cause) =>
    cause instanceof SyntaxError ? cause.name : `${cause.name}: ${cause.message}`,
  );
  return parts.length > 0 ? parts.join(' ← ') : undefined;
}

/** A failure of the API as the web tier sees it, logged as one line with the request id. */
function gatewayFailure<N extends GatewayName>(
  name: N,
  detail: string,
  context: CallContext,
  cause?: unknown,
): { ok: false; problem: GatewayProblemOf<N>; retryAfter?: string } {
  const failure = problem(name, { detail, instance: context.instance });
  log.error(
    {
      request_id: context.requestId,
      path: context.instance,
      status: failure.status,
      cause: describeCause(cause),
    },
    detail,
  );
  return {
    ok: false,
    problem: failure,
    ...(name === 'api-unreachable' ? { retryAfter: String(UNREACHABLE_RETRY_AFTER_S) } : {}),
  };
}

/** The API answered, but not as its contract says: 502, logged. */
export const badGateway = (status: number, context: CallContext, cause?: unknown) =>
  gatewayFailure(
    'api-bad-answer',
    `The TextPulse API answered ${status} with a body that breaks its contract.`,
    context,
    cause,
  );

/**
 * Calls the API's `operation` with the typed client, within API_TIMEOUT_MS, with the request id,
 * and checks the answer against the operation's declaration. Problems are reported at
 * `context.instance`, this web app's path (the API's paths stay internal); the web tier's own
 * 502/503/504 are logged.
 */
export async function callApi<N extends EndpointName>(
  operation: N,
  inputs: CallInputs<Endpoints[N]>,
  context: CallContext,
): Promise<ApiOutcome<SuccessOf<Endpoints[N]>, CallProblem<N>>> {
  type Success = SuccessOf<Endpoints[N]>;
  const endpoint: AnyEndpoint = endpoints[operation];
  const { params, query, body } = inputs as { params?: unknown; query?: unknown; body?: unknown };
  let result: ApiResult;
  // A timer cleared once the answer is read, not AbortSignal.timeout's, which stays armed for
  // API_TIMEOUT_MS after every call.
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException('The API did not answer', 'TimeoutError')),
    env.apiTimeoutMs,
  );
  try {
    result = await requestOperation(endpoint.method, endpoint.path, {
      params: { path: params, query },
      body,
      signal: deadline.signal,
      headers: callHeaders(context),
      cache: 'no-store',
    });
  } catch (error) {
    // The client parses the body of an answer: a SyntaxError means the API answered, badly.
    if (error instanceof SyntaxError) return badGateway(200, context, error);
    return unanswered(error, context);
  } finally {
    clearTimeout(timer);
  }

  const { data, error, response } = result;
  if (response.status === endpoint.success.status) {
    const { schema } = endpoint.success;
    const setCookies = response.headers.getSetCookie();
    if (!schema) return { ok: true, data: undefined as Success, setCookies };
    const answer = schema.safeParse(data);
    if (answer.success) return { ok: true, data: answer.data as Success, setCookies };
    return badGateway(response.status, context);
  }
  // Parsed by the schema the operation declares for this status: one of its problems.
  return apiProblem(endpoint, response, error, context) as {
    ok: false;
    problem: CallProblem<N>;
    retryAfter?: string;
  };
}

/** The headers every call to the API carries: the request id, and whom it is made for. */
export function callHeaders(context: CallContext): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': context.requestId };
  if (context.forwardedFor) headers['x-forwarded-for'] = context.forwardedFor;
  if (context.session) headers.cookie = context.session;
  return headers;
}

/** A call that got no answer: 504 when it ran out of time, else 503 (the API is down). */
export function unanswered(
  error: unknown,
  context: CallContext,
): { ok: false; problem: GatewayProblem; retryAfter?: string } {
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  return timedOut
    ? gatewayFailure(
        'api-timeout',
        `The TextPulse API did not answer within ${env.apiTimeoutMs} ms.`,
        context,
        error,
      )
    : gatewayFailure(
        'api-unreachable',
        'The TextPulse API cannot be reached. Is it running?',
        context,
        error,
      );
}

/**
 * An answer other than the success one: a problem the operation declares for that status, read
 * with its schema (its extension members, such as attempts, and its Retry-After kept) and put at
 * this web app's path; anything else breaks the contract: a 502.
 */
function apiProblem(
  endpoint: AnyEndpoint,
  response: Response,
  body: unknown,
  context: CallContext,
): { ok: false; problem: Problem; retryAfter?: string } {
  const declared = endpoint.responses[response.status];
  if (declared?.mediaType === PROBLEM_MEDIA_TYPE && declared.schema) {
    const forwarded = declared.schema.safeParse(body);
    if (forwarded.success) {
      return forwardedProblem(
        forwarded.data as Problem,
        response.headers.get('retry-after'),
        context,
      );
    }
  }
  return badGateway(response.status, context);
}

/** The API's own problem, at this web app's path, its extension members and Retry-After kept. */
export function forwardedProblem<P extends Problem>(
  problem: P,
  retryAfter: string | null | undefined,
  context: CallContext,
): { ok: false; problem: P; retryAfter?: string } {
  return {
    ok: false,
    problem: { ...problem, instance: context.instance },
    ...(retryAfter == null ? {} : { retryAfter }),
  };
}
