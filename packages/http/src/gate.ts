import {
  type AnyEndpoint,
  BODY_LIMIT_BYTES,
  BODY_TOO_LARGE_DETAIL,
  type EndpointInputs,
  INCOMPLETE_BODY_DETAIL,
  INVALID_UTF8_DETAIL,
  type Problem,
  problem,
  type RequestParts,
  unsupportedCharsetDetail,
  unsupportedMediaTypeDetail,
  type ValidParts,
  validateRequest,
} from '@textpulse/contracts';
import { safeParse as parseMediaType } from 'fast-content-type-parse';
import { parseJsonBody } from './json-body.js';

/** Why a body could not be read whole: longer than BODY_LIMIT_BYTES, or cut short. */
export type BodyReadFailure = 'too-large' | 'incomplete';

/** What a request's headers say about its body: enough to refuse it before reading it. */
export interface RequestHead {
  /** The Content-Type header, as sent. */
  readonly contentType?: string | null | undefined;
  /** The Content-Length header, as sent. */
  readonly contentLength?: string | number | null | undefined;
}

/** A request as it arrives: path parameters and query values are strings, the body bytes. */
export interface RawRequest extends RequestHead {
  readonly params?: unknown;
  readonly query?: unknown;
  /** The body read up to BODY_LIMIT_BYTES, or why it could not be; absent when there is none. */
  readonly body?: Uint8Array | BodyReadFailure | undefined;
}

/** The validated inputs of a request, or the problem that answers it. */
export type Admission<E extends EndpointInputs = EndpointInputs> =
  | { ok: true; inputs: ValidParts<E> }
  | { ok: false; problem: Problem };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The checks a request's headers allow before its body is read: a body the operation does not
 * take in JSON (UTF-8, the only encoding read) is 415; one announced longer than the limit, 413.
 * Undefined when the body may be read.
 */
export function admitHead(endpoint: EndpointInputs, head: RequestHead): Problem | undefined {
  if (!endpoint.body) return undefined;
  const contentType = head.contentType ?? undefined;
  // Stryker disable next-line StringLiteral: any text that is not a media type is refused alike.
  const { type, parameters } = parseMediaType(contentType ?? '');
  if (type !== 'application/json') {
    return problem('unsupported-media-type', {
      detail: unsupportedMediaTypeDetail(contentType),
    });
  }
  const charset = parameters.charset;
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    return problem('unsupported-media-type', { detail: unsupportedCharsetDetail(charset) });
  }
  if (Number(head.contentLength ?? 0) > BODY_LIMIT_BYTES) {
    return problem('content-too-large', { detail: BODY_TOO_LARGE_DETAIL });
  }
  return undefined;
}

/** The problem of a body that could not be read whole. */
export const bodyReadProblem = (failure: BodyReadFailure): Problem =>
  failure === 'too-large'
    ? problem('content-too-large', { detail: BODY_TOO_LARGE_DETAIL })
    : problem('malformed-request', { detail: INCOMPLETE_BODY_DETAIL });

/** Why the body's bytes are not a JSON value the schemas can judge, or the value. */
function readJson(body: RawRequest['body']): { value: unknown } | { problem: Problem } {
  if (typeof body === 'string') return { problem: bodyReadProblem(body) };
  let text: string;
  try {
    text = utf8.decode(body ?? new Uint8Array());
  } catch {
    return { problem: problem('malformed-request', { detail: INVALID_UTF8_DETAIL }) };
  }
  const json = parseJsonBody(text);
  return json.success
    ? { value: json.data }
    : { problem: problem('malformed-request', { detail: json.detail }) };
}

/**
 * The one request gate, in the one order every tier answers in: 415 (not JSON, or not UTF-8),
 * 413 (too large), 400 (cut short, invalid UTF-8, not JSON, a repeated or forbidden key), then
 * the operation's schemas (422, every violation at once). A body is read only for an operation
 * that takes one. `instance` becomes the problem's.
 */
export function admitRequest<E extends AnyEndpoint>(
  endpoint: E,
  request: RawRequest,
  instance?: string,
): Admission<E> {
  const located = (body: Problem) => ({
    ok: false as const,
    problem: instance === undefined ? body : { ...body, instance },
  });
  let body: unknown;
  if (endpoint.body) {
    const refused = admitHead(endpoint, request);
    if (refused) return located(refused);
    const json = readJson(request.body);
    if ('problem' in json) return located(json.problem);
    body = json.value;
  }
  return admitInputs(endpoint, { params: request.params, query: request.query, body }, instance);
}

/**
 * The last step of the gate on its own, for inputs that did not come as a request's bytes: a
 * page's path parameters, a form's fields. The operation's schemas, 422 for every violation.
 */
export function admitInputs<E extends EndpointInputs>(
  endpoint: E,
  parts: RequestParts,
  instance?: string,
): Admission<E> {
  const result = validateRequest(endpoint, parts, instance);
  return result.success
    ? { ok: true, inputs: result.data }
    : { ok: false, problem: result.problem };
}
