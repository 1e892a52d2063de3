import { z } from 'zod';
import { toJsonPointer } from './json-pointer.js';

export { fromJsonPointer, toJsonPointer } from './json-pointer.js';

/** Media type of every error response (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** One schema violation: where it is (RFC 6901 JSON Pointer into the request body), its Zod issue code and a readable message. */
export const FieldError = z
  .object({
    path: z.string().meta({
      description:
        'JSON Pointer (RFC 6901) to the offending value: into the request body ("" is the body itself), or under "/path" and "/query" for path parameters and query values.',
      example: '/text',
    }),
    code: z.string().meta({
      description: 'Zod issue code, stable across releases (for example too_small, invalid_type).',
      example: 'too_small',
    }),
    message: z.string().meta({
      description: 'Human-readable message, the same one the web forms show next to the field.',
      example: 'Enter at least 10 characters.',
    }),
  })
  .meta({ id: 'FieldError', description: 'One schema violation in the request.' });
export type FieldError = z.output<typeof FieldError>;

/** RFC 9457 problem details: the body of every error response. */
export const Problem = z
  .object({
    type: z.string().meta({
      description:
        'URI reference identifying the problem type; "about:blank" when the HTTP status says it all.',
      example: 'about:blank',
    }),
    title: z
      .string()
      .meta({ description: 'Short summary of the problem type.', example: 'Not Found' }),
    status: z
      .int()
      .min(100)
      .max(599)
      .meta({ description: 'HTTP status code of this occurrence.', example: 404 }),
    detail: z.string().optional().meta({
      description: 'Explanation specific to this occurrence.',
      example: 'Cannot GET /v1/unknown',
    }),
    instance: z.string().optional().meta({
      description: 'URI reference of this occurrence: the request path.',
      example: '/v1/unknown',
    }),
    errors: z.array(FieldError).optional().meta({
      description: 'Every schema violation found, present on 422 responses.',
    }),
  })
  .meta({
    id: 'Problem',
    description: 'Problem details (RFC 9457), served as application/problem+json.',
    example: {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /v1/unknown',
      instance: '/v1/unknown',
    },
  });
export type Problem = z.output<typeof Problem>;

/**
 * Every problem the API can answer, keyed by HTTP status: one place for the title, the type URI
 * and the meaning documented in the OpenAPI document.
 */
export const problemCatalog = {
  400: { type: 'about:blank', title: 'Bad Request', description: 'The body is not valid JSON.' },
  404: { type: 'about:blank', title: 'Not Found', description: 'No route matches the request.' },
  413: {
    type: 'about:blank',
    title: 'Content Too Large',
    description: 'The body is larger than the documented limit.',
  },
  415: {
    type: 'about:blank',
    title: 'Unsupported Media Type',
    description: 'The body is not sent as application/json.',
  },
  422: {
    type: '/problems/validation-error',
    title: 'Validation failed',
    description:
      'The body is well-formed JSON but violates the schema; errors[] lists every violation.',
  },
  429: {
    type: 'about:blank',
    title: 'Too Many Requests',
    description: 'Rate limit exceeded; retry after the number of seconds in Retry-After.',
  },
  500: {
    type: 'about:blank',
    title: 'Internal Server Error',
    description: 'An unexpected error; the body carries no internal detail.',
  },
  502: {
    type: '/problems/upstream-failed',
    title: 'Every model failed',
    description: 'Every model in the chain failed; attempts[] tells how each one failed.',
  },
  503: {
    type: '/problems/storage-unavailable',
    title: 'Storage unavailable',
    description:
      'The database is down or too slow to answer; retry after the number of seconds in Retry-After.',
  },
  504: {
    type: '/problems/deadline-exceeded',
    title: 'Deadline exceeded',
    description: 'The request deadline passed before any model answered; attempts[] so far.',
  },
} as const satisfies Record<number, { type: string; title: string; description: string }>;

/** What a request whose path cannot be decoded gets told, by the API and the web tier alike. */
export const MALFORMED_URL_DETAIL =
  'The URL is not well-formed: each percent sign must start an escape of two hex digits, and the escapes must spell UTF-8 (%2F, %C3%A9).';

/** The detail of a 429: the limit, its window and when to retry, all in seconds. */
export const rateLimitDetail = (max: number, windowS: number, retryInS: number): string =>
  `Rate limit of ${max} requests per ${windowS} s exceeded; retry in ${retryInS} s.`;

/** An HTTP status the API documents a problem body for. */
export type ProblemStatus = keyof typeof problemCatalog;

/** Builds the problem body for `status` from the catalog; `extra` adds detail, instance or extension members. */
export function problem<T extends Partial<Problem> & Record<string, unknown>>(
  status: ProblemStatus,
  extra?: T,
): Problem & T {
  const { type, title } = problemCatalog[status];
  return { type, title, status, ...extra } as Problem & T;
}

function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: toJsonPointer([...issue.path, key]),
          code: issue.code,
          message: `Unrecognized key: "${key}"`,
        }))
      : [{ path: toJsonPointer(issue.path), code: issue.code, message: issue.message }],
  );
}

/**
 * THE way a validation failure becomes an HTTP answer: a 422 problem body listing every issue
 * (validateRequest calls it for whole requests, with pointers under "/path" and "/query").
 * The API and the web route handlers both call this, so a violation reads the same from either.
 * Unknown keys are reported one error per key, at that key's path.
 */
export function problemFromZodError(
  error: z.ZodError,
  options: { instance?: string; subject?: 'request body' | 'request' } = {},
): Problem & { errors: FieldError[] } {
  const errors = toFieldErrors(error.issues);
  const count = errors.length;
  const subject = options.subject ?? 'request body';
  return problem(422, {
    detail: `The ${subject} has ${count} invalid ${count === 1 ? 'field' : 'fields'}.`,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
    errors,
  });
}
