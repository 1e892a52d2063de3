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
        'URI reference identifying the problem type: "/problems/<name>", one per problem, stable across releases.',
      example: '/problems/not-found',
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
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /v1/unknown',
      instance: '/v1/unknown',
    },
  });
export type Problem = z.output<typeof Problem>;

/**
 * Every problem any tier answers — the API, the web tier, the benchmark's floor — by name: its
 * HTTP status, its title, and what it means (the OpenAPI document's description). Its `type` is
 * `/problems/<name>`, stable across releases: clients tell problems apart by it.
 */
export const problemCatalog = {
  'malformed-request': {
    status: 400,
    title: 'Bad Request',
    description: 'The request cannot be read: its body is not valid JSON, or its URL is malformed.',
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    description:
      'The operation needs a caller: a session cookie, or an API key as Authorization: Bearer. None was sent, or it is unknown, expired, revoked or signed out.',
  },
  'invalid-credentials': {
    status: 401,
    title: 'Invalid credentials',
    description:
      'The email and password match no account: the same answer for an unknown email and a wrong password.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    description:
      'The caller may not do this: an API key where only a signed-in session may act, a request with a session cookie from an origin that is not trusted (CSRF), or a wrong password confirming a change to the account.',
  },
  'email-not-verified': {
    status: 403,
    title: 'Email not verified',
    description:
      'The account exists, but its email address is not verified yet: a new link to verify it is on its way.',
  },
  'not-found': { status: 404, title: 'Not Found', description: 'No route matches the request.' },
  'method-not-allowed': {
    status: 405,
    title: 'Method Not Allowed',
    description: 'The path is served, but not with this method; Allow lists the ones it is.',
  },
  'account-exists': {
    status: 409,
    title: 'Account exists',
    description: 'An account with this email exists already: sign in instead.',
  },
  'request-timeout': {
    status: 408,
    title: 'Request Timeout',
    description: 'The request did not arrive whole in time.',
  },
  'link-expired': {
    status: 410,
    title: 'Link expired',
    description:
      'The link from the email is unknown, was used already or has expired: ask for a new one.',
  },
  'content-too-large': {
    status: 413,
    title: 'Content Too Large',
    description: 'The body is larger than the documented limit.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported Media Type',
    description: 'The body is not sent as application/json.',
  },
  'validation-error': {
    status: 422,
    title: 'Validation failed',
    description:
      'The body is well-formed JSON but violates the schema; errors[] lists every violation.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too Many Requests',
    description: 'Rate limit exceeded; retry after the number of seconds in Retry-After.',
  },
  'headers-too-large': {
    status: 431,
    title: 'Request Header Fields Too Large',
    description: 'The request line and headers are larger than the server reads.',
  },
  'internal-error': {
    status: 500,
    title: 'Internal Server Error',
    description: 'An unexpected error; the body carries no internal detail.',
  },
  'upstream-failed': {
    status: 502,
    title: 'Every model failed',
    description: 'Every model in the chain failed; attempts[] tells how each one failed.',
  },
  'storage-unavailable': {
    status: 503,
    title: 'Storage unavailable',
    description:
      'The database is down or too slow to answer; retry after the number of seconds in Retry-After.',
  },
  'deadline-exceeded': {
    status: 504,
    title: 'Deadline exceeded',
    description: 'The request deadline passed before any model answered; attempts[] so far.',
  },
  'api-bad-answer': {
    status: 502,
    title: 'Bad Gateway',
    description:
      'A gateway: the API answered with a body that breaks its contract (the web tier), or no replica of it gave a whole answer (nginx).',
  },
  'api-unreachable': {
    status: 503,
    title: 'Service Unavailable',
    description: 'The web tier: the API cannot be reached; retry after Retry-After seconds.',
  },
  'api-timeout': {
    status: 504,
    title: 'Gateway Timeout',
    description:
      'A gateway (the web tier, or nginx in front of the replicas): the API did not answer in time.',
  },
  'web-bad-answer': {
    status: 502,
    title: 'Bad Gateway',
    description: 'nginx in front of the web app: no instance of it gave a whole answer.',
  },
  'web-timeout': {
    status: 504,
    title: 'Gateway Timeout',
    description: 'nginx in front of the web app: it did not answer in time.',
  },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

/** The name of a problem in the catalog. */
export type ProblemName = keyof typeof problemCatalog;

/** The HTTP status of the problem `N`. */
export type StatusOf<N extends ProblemName> = (typeof problemCatalog)[N]['status'];

/** The `type` URI of the problem `name`. */
export const problemType = <N extends ProblemName>(name: N): `/problems/${N}` =>
  `/problems/${name}`;

/** The name of the document's component for the problem `name`: not-found → NotFoundProblem. */
const componentOf = (name: ProblemName): string =>
  `${name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}Problem`;

const problemSchemas = new Map<ProblemName, { base: z.ZodObject; schema: z.ZodObject }>();

/** The schema of the problem `N` on `Base`: its `type` and `status` are literals. */
export type ProblemSchema<
  N extends ProblemName,
  Base extends z.ZodObject = typeof Problem,
> = z.ZodObject<
  z.core.util.Extend<
    Base['shape'],
    { type: z.ZodLiteral<`/problems/${N}`>; status: z.ZodLiteral<StatusOf<N>> }
  >,
  Base['_zod']['config']
>;

/**
 * The schema of the problem `name`: `base` (Problem, or Problem with members of its own, such as
 * attempts[]) whose `type` and `status` are that problem's literals, so that a client tells the
 * problems of one status apart by `type`. One schema, and one named component of the document,
 * per problem: asking again with another base is refused.
 */
export function problemSchema<N extends ProblemName>(name: N): ProblemSchema<N>;
export function problemSchema<N extends ProblemName, Base extends z.ZodObject>(
  name: N,
  base: Base,
): ProblemSchema<N, Base>;
export function problemSchema(name: ProblemName, base: z.ZodObject = Problem): z.ZodObject {
  const known = problemSchemas.get(name);
  if (known) {
    if (known.base !== base) throw new Error(`The problem ${name} has two different schemas`);
    return known.schema;
  }
  const { status, description } = problemCatalog[name];
  // The base's example is this problem's when it is one of it (a real answer); otherwise it lends
  // its own members (attempts[]) to the catalog's type, title and status.
  const given: unknown = base.meta()?.example;
  const baseExample = typeof given === 'object' && given !== null ? given : {};
  const example =
    'type' in baseExample && baseExample.type === problemType(name)
      ? baseExample
      : {
          ...problem(name),
          ...Object.fromEntries(
            Object.entries(baseExample).filter(([key]) => !(key in Problem.shape)),
          ),
        };
  const schema = base
    .extend({
      type: z.literal(problemType(name)).meta({
        description: 'URI reference identifying the problem type, stable across releases.',
      }),
      status: z.literal(status).meta({ description: 'HTTP status code of this occurrence.' }),
    })
    .meta({
      id: componentOf(name),
      description,
      example,
    });
  problemSchemas.set(name, { base, schema });
  return schema;
}

/** What a request whose path cannot be decoded gets told, by the API and the web tier alike. */
export const MALFORMED_URL_DETAIL =
  'The URL is not well-formed: each percent sign must start an escape of two hex digits, and the escapes must spell UTF-8 (%2F, %C3%A9).';

/**
 * The IETF rate-limit fields of an answer, as draft-ietf-httpapi-ratelimit-headers-09 words them
 * (Structured Fields): `RateLimit-Policy` names the policy, its quota and window in seconds;
 * `RateLimit` what is left of the quota and the seconds until it is whole again.
 */
export function rateLimitHeaders(
  policy: { name: string; quota: number; windowS: number },
  state: { remaining: number; resetInS: number },
): { 'RateLimit-Policy': string; RateLimit: string } {
  const name = JSON.stringify(policy.name);
  return {
    'RateLimit-Policy': `${name};q=${policy.quota};w=${policy.windowS}`,
    RateLimit: `${name};r=${Math.max(0, state.remaining)};t=${Math.max(0, Math.ceil(state.resetInS))}`,
  };
}

/** The detail of a 429: the limit, its window and when to retry, all in seconds. */
export const rateLimitDetail = (max: number, windowS: number, retryInS: number): string =>
  `Rate limit of ${max} requests per ${windowS} s exceeded; retry in ${retryInS} s.`;

/**
 * Builds the body of the problem `name` from the catalog; `extra` adds detail, instance or
 * extension members.
 */
export function problem<
  N extends ProblemName,
  T extends Partial<Problem> & Record<string, unknown>,
>(name: N, extra?: T): Problem & { type: `/problems/${N}`; status: StatusOf<N> } & T {
  const { status, title } = problemCatalog[name];
  return { type: problemType(name), title, status, ...extra } as Problem & {
    type: `/problems/${N}`;
    status: StatusOf<N>;
  } & T;
}

/**
 * The catalog's problem whose type `body` carries, when `body` is one: its status and title are
 * that problem's. Tests check every problem they see with it.
 */
export function cataloguedProblem(body: unknown): ProblemName | undefined {
  const parsed = Problem.safeParse(body);
  if (!parsed.success) return undefined;
  const { type, status, title } = parsed.data;
  const name = Object.keys(problemCatalog).find(
    (key) => problemType(key as ProblemName) === type,
  ) as ProblemName | undefined;
  if (name === undefined) return undefined;
  const entry = problemCatalog[name];
  return entry.status === status && entry.title === title ? name : undefined;
}

/** One error per pointer (the first issue found there), unknown keys one per key. */
function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const errors = new Map<string, FieldError>();
  const add = (path: string, code: string, message: string) => {
    if (!errors.has(path)) errors.set(path, { path, code, message });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        add(toJsonPointer([...issue.path, key]), issue.code, `Unrecognized key: "${key}"`);
      }
    } else add(toJsonPointer(issue.path), issue.code, issue.message);
  }
  return [...errors.values()];
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
  return problem('validation-error', {
    detail: `The ${subject} has ${count} invalid ${count === 1 ? 'field' : 'fields'}.`,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
    errors,
  });
}
