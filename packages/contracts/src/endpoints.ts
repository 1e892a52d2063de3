import { z } from 'zod';
import { AnalyzeRequest, AnalyzeResponse } from './analyze.js';
import { HealthResponse } from './health.js';
import {
  PROBLEM_MEDIA_TYPE,
  Problem,
  type ProblemStatus,
  problem,
  problemCatalog,
  problemFromZodError,
  rateLimitDetail,
} from './problem.js';
import { PromptFailure, PromptRequest, PromptResponse } from './prompt.js';
import {
  BODY_LIMIT_BYTES,
  BODY_TOO_LARGE_DETAIL,
  MALFORMED_JSON_DETAIL,
  unsupportedMediaTypeDetail,
} from './request-body.js';

/** One documented response of an operation. */
export interface ResponseDeclaration {
  readonly description: string;
  readonly mediaType: 'application/json' | typeof PROBLEM_MEDIA_TYPE;
  readonly schema: z.ZodType;
  readonly headers?: z.ZodObject;
  readonly example?: unknown;
}

/** One operation, declared once: the OpenAPI builder, the API routes and the tests all read it. */
export interface EndpointDeclaration {
  readonly method: 'get' | 'post';
  readonly path: `/${string}`;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** JSON request body schema; absent for operations without a body. */
  readonly body?: z.ZodType;
  readonly responses: { readonly [status: number]: ResponseDeclaration };
}

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

const RateLimitHeaders = ResponseHeaders.extend({
  'Retry-After': z
    .int()
    .min(0)
    .meta({ description: 'Seconds to wait before retrying.', example: 30 }),
});

function json<const S extends z.ZodType>(description: string, schema: S) {
  return { description, mediaType: 'application/json', schema, headers: ResponseHeaders } as const;
}

function problemResponse<const S extends ProblemStatus, const Schema extends z.ZodType>(
  status: S,
  schema: Schema,
  example: z.input<Schema>,
) {
  const description =
    status === 413
      ? `The body is larger than ${BODY_LIMIT_BYTES} bytes.`
      : problemCatalog[status].description;
  const headers = status === 429 ? RateLimitHeaders : ResponseHeaders;
  return { description, mediaType: PROBLEM_MEDIA_TYPE, schema, example, headers } as const;
}

/**
 * The problems every operation with a JSON body can answer. The 422 example is what the
 * validation helper really makes of `invalidBody`, so the document cannot drift from the code.
 */
function bodyProblems(path: string, body: z.ZodType, invalidBody: unknown) {
  const parsed = body.safeParse(invalidBody);
  if (parsed.success) throw new Error(`The invalid example body of ${path} passes its schema.`);
  const example = (status: ProblemStatus, detail?: string) =>
    problem(status, { ...(detail === undefined ? {} : { detail }), instance: path });
  return {
    400: problemResponse(400, Problem, example(400, MALFORMED_JSON_DETAIL)),
    413: problemResponse(413, Problem, example(413, BODY_TOO_LARGE_DETAIL)),
    415: problemResponse(415, Problem, example(415, unsupportedMediaTypeDetail('text/plain'))),
    422: problemResponse(422, Problem, problemFromZodError(parsed.error, { instance: path })),
    429: problemResponse(429, Problem, example(429, rateLimitDetail(60, 60, 60))),
    500: problemResponse(500, Problem, example(500)),
  } as const;
}

/** Every operation of the TextPulse API. */
export const endpoints = {
  analyze: {
    method: 'post',
    path: '/v1/analyze',
    operationId: 'analyzeText',
    summary: 'Analyze a text',
    description:
      'Scores the sentiment of the text, counts its words and, when asked, extracts named entities with their offsets.',
    tags: ['analyze'],
    body: AnalyzeRequest,
    responses: {
      200: json('The analysis of the text.', AnalyzeResponse),
      ...bodyProblems('/v1/analyze', AnalyzeRequest, { text: 'Too short', colour: 'red' }),
    },
  },
  prompt: {
    method: 'post',
    path: '/v1/prompt',
    operationId: 'answerPrompt',
    summary: 'Answer a prompt through the model chain',
    description:
      'Tries each model of the chain in order, each with its own timeout under one request deadline, and returns the first answer with the trail of attempts.',
    tags: ['prompt'],
    body: PromptRequest,
    responses: {
      200: json('The first answer of the chain, with every attempt.', PromptResponse),
      ...bodyProblems('/v1/prompt', PromptRequest, { prompt: 'Hi', temperature: 3 }),
      502: problemResponse(
        502,
        PromptFailure,
        problem(502, {
          detail: 'Every model in the chain failed: openai:gpt-4o-mini, openai:llama3.2.',
          instance: '/v1/prompt',
          attempts: [
            {
              model: 'openai:gpt-4o-mini',
              ok: false,
              duration_ms: 8.1,
              error: 'HTTP 500 from the provider',
            },
            {
              model: 'openai:llama3.2',
              ok: false,
              duration_ms: 2.3,
              error: 'HTTP 429 from the provider (Retry-After: 7)',
            },
          ],
        }),
      ),
      504: problemResponse(
        504,
        PromptFailure,
        problem(504, {
          detail: 'No model answered within the 2500 ms deadline.',
          instance: '/v1/prompt',
          attempts: [
            {
              model: 'openai:gpt-4o-mini',
              ok: false,
              duration_ms: 1500.4,
              error: 'Timed out after 1500 ms',
            },
            {
              model: 'openai:llama3.2',
              ok: false,
              duration_ms: 999.8,
              error: 'Request deadline of 2500 ms exceeded',
            },
          ],
        }),
      ),
    },
  },
  health: {
    method: 'get',
    path: '/v1/health',
    operationId: 'getHealth',
    summary: 'Check the API',
    description:
      'Tells that the API is up, its version, its uptime and the configured model chain.',
    tags: ['health'],
    responses: {
      200: json('The API is up.', HealthResponse),
      500: problemResponse(500, Problem, problem(500, { instance: '/v1/health' })),
    },
  },
} as const satisfies Record<string, EndpointDeclaration>;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;

/** Tags of the operations, with their descriptions, in display order. */
export const tags = [
  { name: 'analyze', description: 'Text analysis: sentiment, word count, entities.' },
  { name: 'prompt', description: 'Prompts answered by an ordered chain of models with fallback.' },
  { name: 'health', description: 'Liveness and configuration.' },
] as const;

/** The success (2xx) response declaration of an endpoint. */
export type SuccessResponse<E extends EndpointName> = Endpoints[E]['responses'][200];

/** What a handler of endpoint `E` must return: the input type of its success schema. */
export type EndpointResult<E extends EndpointName> = z.input<SuccessResponse<E>['schema']>;

/** The validated request body of endpoint `E` (the output type of its body schema). */
export type EndpointBody<E extends EndpointName> = Endpoints[E] extends {
  body: infer B extends z.ZodType;
}
  ? z.output<B>
  : never;
