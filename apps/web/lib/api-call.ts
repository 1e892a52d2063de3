import 'server-only';
import { type AnyEndpoint, Problem, type SuccessOf } from '@textpulse/contracts';
import { env } from './env';

/** What an openapi-fetch call resolves to. */
export interface ApiResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The API's answer read with the contract: the success body its schema accepts, or a problem —
 * the API's own (with its Retry-After), or 502/503/504 when the API answers garbage, cannot be
 * reached or is too slow.
 */
export type ApiOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; problem: Problem; retryAfter?: string };

const gatewayProblem = (status: 502 | 503 | 504, detail: string, instance: string): Problem => ({
  type: 'about:blank',
  title: { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }[status],
  status,
  detail,
  instance,
});

const badGateway = (status: number, instance: string) =>
  gatewayProblem(
    502,
    `The TextPulse API answered ${status} with a body that breaks its contract.`,
    instance,
  );

/**
 * Calls the API for `endpoint` within API_TIMEOUT_MS and checks the answer against the endpoint's
 * declaration. Problems are reported at `instance`, this web app's path: the API's stay internal.
 */
export async function callApi<E extends AnyEndpoint>(
  endpoint: E,
  instance: string,
  call: (signal: AbortSignal) => Promise<ApiResult>,
): Promise<ApiOutcome<SuccessOf<E>>> {
  let result: ApiResult;
  try {
    result = await call(AbortSignal.timeout(env.apiTimeoutMs));
  } catch (error) {
    // The client parses the body of an answer: a SyntaxError means the API answered, badly.
    if (error instanceof SyntaxError) return { ok: false, problem: badGateway(200, instance) };
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return {
      ok: false,
      problem: timedOut
        ? gatewayProblem(
            504,
            `The TextPulse API did not answer within ${env.apiTimeoutMs} ms.`,
            instance,
          )
        : gatewayProblem(503, 'The TextPulse API cannot be reached. Is it running?', instance),
    };
  }

  const { data, error, response } = result;
  if (response.status === endpoint.success.status) {
    const { schema } = endpoint.success;
    if (!schema) return { ok: true, data: undefined as SuccessOf<E> };
    const answer = schema.safeParse(data);
    if (answer.success) return { ok: true, data: answer.data as SuccessOf<E> };
  } else if (!response.ok) {
    // The API's own problem, extension members such as attempts kept.
    const forwarded = Problem.loose().safeParse(error);
    if (forwarded.success && forwarded.data.status === response.status) {
      const retryAfter = response.headers.get('retry-after');
      return {
        ok: false,
        problem: { ...forwarded.data, instance },
        ...(retryAfter === null ? {} : { retryAfter }),
      };
    }
  }
  return { ok: false, problem: badGateway(response.status, instance) };
}
