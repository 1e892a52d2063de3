import { z } from 'zod';
import {
  PROBLEM_MEDIA_TYPE,
  Problem,
  type ProblemName,
  type ProblemSchema,
  problem,
  problemCatalog,
  problemSchema,
  problemType,
  rateLimitDetail,
  type StatusOf,
} from './problem.js';
import {
  BODY_LIMIT_BYTES,
  BODY_TOO_LARGE_DETAIL,
  MALFORMED_JSON_DETAIL,
  unsupportedMediaTypeDetail,
} from './request-body.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Media type of a stream of server-sent events (the HTML Living Standard's SSE framing). */
export const EVENT_STREAM_MEDIA_TYPE = 'text/event-stream';

/** How an operation's success body is sent: one JSON document, or a stream of events. */
export type SuccessMediaType = 'application/json' | typeof EVENT_STREAM_MEDIA_TYPE;
export type SuccessStatus = 200 | 201 | 202 | 204;

/** Shape of a request id, inbound or generated: anything else sent by a client is replaced. */
export const REQUEST_ID_PATTERN = /^[\w.-]{1,128}$/;

const requestId = z.string().regex(REQUEST_ID_PATTERN);

/** Headers a client may send with any operation. */
export const RequestHeaders = z.object({
  'X-Request-Id': requestId.optional().meta({
    description:
      'Correlates the request with its response and log lines; one is generated when absent or malformed.',
    example: 'checkout-42',
  }),
});

const ResponseHeaders = z.object({
  'X-Request-Id': requestId.meta({
    description:
      "The request's id (the client's own when well-formed), also in every log line about it.",
    example: '1f0c7a52-9c7e-4b8e-9d8e-2f1f4c6a3b21',
  }),
});

/** The headers of an answer that says when to try again (429, 503). */
const RetryAfterHeaders = ResponseHeaders.extend({
  'Retry-After': z
    .int()
    .min(0)
    .meta({ description: 'Seconds to wait before retrying.', example: 30 }),
});

/** The IETF rate-limit fields of a rate-limited operation's answers (rateLimitHeaders). */
const RateLimitHeaders = z.object({
  'RateLimit-Policy': z.string().meta({
    description:
      'The limit (draft-ietf-httpapi-ratelimit-headers-09): its name, quota (q) and window in seconds (w).',
    example: '"api";q=60;w=60',
  }),
  RateLimit: z.string().meta({
    description:
      'What is left of the limit (draft-ietf-httpapi-ratelimit-headers-09): remaining requests (r) and seconds until it is whole again (t).',
    example: '"api";r=59;t=60',
  }),
});

/**
 * Who may call an operation:
 * - `public`: anyone; nothing in the operation depends on who calls.
 * - `optional`: anyone, but a caller who sends credentials is identified, and what needs one (its
 *   description says what) answers 401 without.
 * - `user`: a signed-in person, through their session cookie or one of their API keys.
 * - `session`: a signed-in person through their session cookie only: what manages the account and
 *   its keys (an API key gets 403).
 */
export type Access = 'public' | 'optional' | 'user' | 'session';

/** Name of the session cookie the API sets on sign-in (httpOnly, SameSite=Lax, Secure in production). */
export const SESSION_COOKIE = 'textpulse.session_token';

/** Security schemes of the document, by name: how a caller proves who it is. */
export const securitySchemes = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key made by a signed-in person (POST /v1/auth/api-keys), sent as `Authorization: Bearer <key>`.',
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie set by sign-up and sign-in.',
  },
} as const;

/** The security requirements of an operation, from its access level (OpenAPI `security`). */
export function securityOf(access: Access): Record<string, string[]>[] {
  switch (access) {
    case 'public':
      return [];
    case 'optional':
      return [{}, { session: [] }, { apiKey: [] }];
    case 'user':
      return [{ session: [] }, { apiKey: [] }];
    case 'session':
      return [{ session: [] }];
  }
}

/** The challenge of a 401 (RFC 9110 § 11.6.1): an API key as a bearer token, or a session. */
export const WWW_AUTHENTICATE = 'Bearer realm="TextPulse"';

/** The headers of a 401: the challenge. */
const ChallengeHeaders = ResponseHeaders.extend({
  'WWW-Authenticate': z.string().meta({
    description: 'How to authenticate: an API key as a bearer token (or sign in for a session).',
    example: WWW_AUTHENTICATE,
  }),
});

/** One documented response of an operation; a response without `schema` has no body (202, 204). */
export interface ResponseDeclaration<S extends z.ZodType | undefined = z.ZodType | undefined> {
  readonly description: string;
  readonly mediaType: SuccessMediaType | typeof PROBLEM_MEDIA_TYPE | undefined;
  readonly schema: S;
  readonly headers: z.ZodObject;
  readonly example?: unknown;
}

/** The success answer of an operation. */
export interface SuccessSpec {
  readonly status: SuccessStatus;
  readonly description: string;
  /** The body's schema; absent for 202 and 204. For an event stream, the schema of each event's data. */
  readonly schema?: z.ZodType;
  /** How the body is sent; application/json unless it is a stream of server-sent events. */
  readonly mediaType?: SuccessMediaType;
  /** Headers beyond X-Request-Id, such as Location on a 201. */
  readonly headers?: z.ZodObject;
}

/** A problem an operation answers beyond the ones its inputs and flags imply. */
export interface ProblemSpec {
  /** Problem, or Problem with members of its own (problemSchema makes its type and status literals). */
  readonly schema: z.ZodObject;
  readonly example: unknown;
}

/** Parts of a request, as they arrive: path parameters and query values are strings. */
export interface RequestParts {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
}

/** What an operation is, written once: the OpenAPI builder, the API and the web all read it. */
export interface EndpointSpec {
  readonly method: HttpMethod;
  /** The path, parameters as OpenAPI writes them: "/v1/analyses/{id}". */
  readonly path: `/${string}`;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tag: string;
  /** Who may call it; anything but `public` documents a 401, and a 403 where a caller may be refused. */
  readonly access: Access;
  /** Path parameters, one key per "{name}" in the path. */
  readonly params?: z.ZodObject;
  /** Query parameters; values arrive as strings, so number fields coerce. */
  readonly query?: z.ZodObject;
  /** The JSON request body. */
  readonly body?: z.ZodType;
  /** Whether the rate limit guards the operation, per caller or client address (each such operation counts on its own; it documents a 429). */
  readonly rateLimited: boolean;
  readonly success: SuccessSpec;
  /** A request whose inputs break the schemas: its 422 is the documented example. */
  readonly invalidExample?: RequestParts;
  /** Problems beyond 400/413/415 (body), 401/403 (access), 422 (inputs), 429 (rateLimited) and 500 (always). */
  readonly problems?: { readonly [N in ProblemName]?: ProblemSpec };
  /** The operation is going away: see Deprecation. */
  readonly deprecated?: Deprecation;
}

/**
 * An operation on its way out. The document marks it `deprecated` (with `x-sunset`), the
 * generated client types mark it `@deprecated`, and every answer carries `Deprecation`
 * (RFC 9745), `Sunset` (RFC 8594) and, with a successor, `Link: <path>; rel="successor-version"`
 * (RFC 8288). The breaking-change gate refuses its removal before the sunset.
 */
export interface Deprecation {
  /** The day it was deprecated, YYYY-MM-DD (UTC). */
  readonly since: string;
  /** The day after which it may stop working, YYYY-MM-DD (UTC), later than `since`. */
  readonly sunset: string;
  /** The path of the operation to use instead. */
  readonly successor?: `/${string}`;
}

const IsoDate = z.iso.date();

/** The headers a deprecated operation answers with, from its Deprecation. */
export function deprecationHeaders(deprecation: Deprecation): Record<string, string> {
  const seconds = Date.parse(`${deprecation.since}T00:00:00Z`) / 1000;
  const sunset = new Date(`${deprecation.sunset}T23:59:59Z`).toUTCString();
  return {
    Deprecation: `@${seconds}`,
    Sunset: sunset,
    ...(deprecation.successor
      ? { Link: `<${deprecation.successor}>; rel="successor-version"` }
      : {}),
  };
}

/** The headers a deprecated operation declares on its success answer. */
function deprecationHeaderSchemas(deprecation: Deprecation): z.ZodObject {
  const example = deprecationHeaders(deprecation);
  return z.object({
    Deprecation: z.string().meta({
      description: 'When the operation was deprecated (RFC 9745): @ and seconds since the epoch.',
      example: example.Deprecation,
    }),
    Sunset: z.string().meta({
      description: 'After when the operation may stop working (RFC 8594): an HTTP-date.',
      example: example.Sunset,
    }),
    ...(example.Link
      ? {
          Link: z.string().meta({
            description: 'The operation to use instead (RFC 8288, rel="successor-version").',
            example: example.Link,
          }),
        }
      : {}),
  });
}

type SuccessSchema<S extends EndpointSpec> = S['success'] extends {
  schema: infer R extends z.ZodType;
}
  ? R
  : undefined;
type HasInput = { body: z.ZodType } | { query: z.ZodObject } | { params: z.ZodObject };
/**
 * Whether a caller may be refused with 403: a session-only operation (an API key is refused), or
 * one that changes something for a caller identified by a cookie (an untrusted Origin is refused).
 */
type MayForbid<S extends EndpointSpec> = S['access'] extends 'session'
  ? true
  : S['access'] extends 'public'
    ? false
    : S['method'] extends 'get'
      ? false
      : true;

/** Whether an operation of `access` by `method` documents a 403 (MayForbid, at run time). */
export const mayForbid = (access: Access, method: HttpMethod): boolean =>
  access === 'session' || (access !== 'public' && method !== 'get');

/** The responses an operation documents, derived from its spec. */
export type ResponsesOf<S extends EndpointSpec> = {
  readonly [K in S['success']['status']]: ResponseDeclaration<SuccessSchema<S>>;
} & {
  readonly [N in ProblemsOf<S> as StatusOf<N>]: ResponseDeclaration<ProblemSchemaIn<S, N>>;
};

/** The problems an operation answers: derived from its inputs and flags, and declared. */
type ProblemsOf<S extends EndpointSpec> =
  | (S extends { body: z.ZodType }
      ? 'malformed-request' | 'content-too-large' | 'unsupported-media-type'
      : never)
  | (S extends HasInput ? 'validation-error' : never)
  | (S['access'] extends 'public' ? never : 'unauthorized')
  | (MayForbid<S> extends true ? 'forbidden' : never)
  | (S['rateLimited'] extends true ? 'rate-limited' : never)
  | 'internal-error'
  | (keyof S['problems'] & ProblemName);

/** The schema of the problem `N` as the operation `S` answers it: on the base it declares, if any. */
type ProblemSchemaIn<S extends EndpointSpec, N extends ProblemName> = S['problems'] extends {
  readonly [K in N]?: { schema: infer Base extends z.ZodObject };
}
  ? ProblemSchema<N, Base>
  : ProblemSchema<N>;

/**
 * What a client of the endpoint may get instead of success: the union of the problems it declares
 * (derived and its own), discriminated by `type`, each with its literal `status`.
 */
export type ProblemOf<D extends EndpointSpec> =
  ProblemsOf<D> extends infer N
    ? N extends ProblemName
      ? z.output<ProblemSchemaIn<D, N>>
      : never
    : never;

/** An operation's spec with every response it documents. */
export type EndpointDeclaration<S extends EndpointSpec> = S & {
  readonly responses: ResponsesOf<S>;
};

/** Any declared operation, as code that serves or documents all of them sees it. */
export type AnyEndpoint = EndpointSpec & {
  readonly responses: { readonly [status: number]: ResponseDeclaration };
};

/** Problems whose answer carries Retry-After. */
const RETRY_AFTER: readonly ProblemName[] = [
  'rate-limited',
  'storage-unavailable',
  'api-unreachable',
];

/** The problems an operation answers, with their base schemas and examples. */
type ProblemList = { name: ProblemName; base: z.ZodObject; example: unknown }[];

/**
 * The response of one status from the problems answered with it: one problem's schema, or their
 * union discriminated by `type` when several share the status.
 */
function problemResponse(problems: ProblemList): ResponseDeclaration {
  const describe = ({ name }: ProblemList[number]) =>
    name === 'content-too-large'
      ? `The body is larger than ${BODY_LIMIT_BYTES} bytes.`
      : problemCatalog[name].description;
  const names = problems.map(({ name }) => name);
  const schemas = problems.map(({ name, base }) => problemSchema(name, base));
  const [first, second, ...others] = schemas;
  if (!first) throw new Error('A problem response needs a problem');
  const description =
    problems.length === 1
      ? describe(problems[0] as ProblemList[number])
      : problems.map((entry) => `\`${problemType(entry.name)}\`: ${describe(entry)}`).join('\n\n');
  const headers = names.includes('rate-limited')
    ? RetryAfterHeaders.extend(RateLimitHeaders.shape)
    : names.some((name) => RETRY_AFTER.includes(name))
      ? RetryAfterHeaders
      : names.includes('unauthorized')
        ? ChallengeHeaders
        : ResponseHeaders;
  return {
    description,
    mediaType: PROBLEM_MEDIA_TYPE,
    schema: second ? z.discriminatedUnion('type', [first, second, ...others]) : first,
    example: problems[0]?.example,
    headers,
  };
}

/**
 * Declares an operation. Its documented problems follow from what it takes and how it is guarded:
 * a body brings 400, 413 and 415; any input 422 (the document builder makes its example of
 * `invalidExample`); an access level other than `public` 401 (and 403 where mayForbid says);
 * `rateLimited` brings 429; every operation may answer 500.
 */
export function defineEndpoint<const S extends EndpointSpec>(spec: S): EndpointDeclaration<S> {
  const pathParams = [...spec.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const declared = Object.keys(spec.params?.shape ?? {});
  if (pathParams.join() !== declared.join()) {
    throw new Error(`${spec.path}: path parameters ${pathParams} but params schema ${declared}`);
  }
  const instance = spec.path;
  const example = (name: ProblemName, detail?: string) =>
    problem(name, { ...(detail === undefined ? {} : { detail }), instance });
  if (spec.deprecated) {
    const { since, sunset } = spec.deprecated;
    if (
      !IsoDate.safeParse(since).success ||
      !IsoDate.safeParse(sunset).success ||
      sunset <= since
    ) {
      throw new Error(`${spec.path}: a deprecation needs two dates, YYYY-MM-DD, the sunset later`);
    }
  }
  const responses: Record<number, ResponseDeclaration> = {
    [spec.success.status]: {
      description: spec.success.description,
      mediaType: spec.success.schema ? (spec.success.mediaType ?? 'application/json') : undefined,
      schema: spec.success.schema,
      headers: ResponseHeaders.extend({
        ...spec.success.headers?.shape,
        ...(spec.rateLimited ? RateLimitHeaders.shape : {}),
        ...(spec.deprecated ? deprecationHeaderSchemas(spec.deprecated).shape : {}),
      }),
    },
  };
  const byStatus = new Map<number, ProblemList>();
  const answers = (name: ProblemName, example: unknown, base: z.ZodObject = Problem) => {
    const status = problemCatalog[name].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), { name, base, example }]);
  };
  if (spec.body) {
    answers('malformed-request', example('malformed-request', MALFORMED_JSON_DETAIL));
    answers('content-too-large', example('content-too-large', BODY_TOO_LARGE_DETAIL));
    const unsupported = example('unsupported-media-type', unsupportedMediaTypeDetail('text/plain'));
    answers('unsupported-media-type', unsupported);
  }
  if (spec.body || spec.query || spec.params) {
    if (!spec.invalidExample) throw new Error(`${spec.path} takes input but has no invalidExample`);
    // Its example is what the request gate answers to invalidExample: the document builder's job.
    answers('validation-error', undefined);
  }
  if (spec.access !== 'public') {
    const detail = 'This operation needs a session cookie or an API key (Authorization: Bearer).';
    answers('unauthorized', example('unauthorized', detail));
  }
  if (mayForbid(spec.access, spec.method)) {
    const detail =
      spec.access === 'session'
        ? 'Only a signed-in session may do this, not an API key.'
        : 'A request with a session cookie must come from a trusted origin.';
    answers('forbidden', example('forbidden', detail));
  }
  if (spec.rateLimited)
    answers('rate-limited', example('rate-limited', rateLimitDetail(60, 60, 60)));
  answers('internal-error', example('internal-error'));
  for (const [name, extra] of Object.entries(spec.problems ?? {}) as [ProblemName, ProblemSpec][]) {
    answers(name, extra.example, extra.schema);
  }
  for (const [status, problems] of byStatus) responses[status] = problemResponse(problems);
  return { ...spec, responses } as EndpointDeclaration<S>;
}

/** The parts of a request an operation may declare schemas for. */
export type EndpointInputs = Pick<EndpointSpec, 'params' | 'query' | 'body'>;

/** What a part's schema makes of it; undefined for a part without a schema. */
export type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The validated request body of an endpoint (defaults applied). */
export type BodyOf<D extends EndpointSpec> = Parsed<D['body']>;
/** The validated query of an endpoint (coerced, defaults applied). */
export type QueryOf<D extends EndpointSpec> = Parsed<D['query']>;
/** The validated path parameters of an endpoint. */
export type ParamsOf<D extends EndpointSpec> = Parsed<D['params']>;
/** What a client of the endpoint receives on success: the output of its success schema, or nothing. */
export type SuccessOf<D extends EndpointSpec> =
  SuccessSchema<D> extends z.ZodType ? z.output<SuccessSchema<D>> : undefined;
/** What a handler of the endpoint returns: the input type of its success schema, or nothing. */
export type ResultOf<D extends EndpointSpec> =
  SuccessSchema<D> extends z.ZodType ? z.input<SuccessSchema<D>> : undefined;
