import {
  AnalyzeRequest,
  AnalyzeResponse,
  type AnyEndpoint,
  defineEndpoint,
  type EndpointSpec,
  endpoints,
  ListAnalysesQuery,
  Problem,
  PromptRequest,
  problem,
  SignUpRequest,
  SignUpResult,
  StoredAnalysis,
  VerifyEmailRequest,
} from '@textpulse/contracts';
import { oldHealthEndpoint } from '@textpulse/contracts/fixtures';
import { z } from 'zod';
import type { Change, Document } from './classify.js';

/** An endpoint table, as the document builder takes it. */
export type Table = { readonly [name: string]: AnyEndpoint };

/**
 * One small change to the contract and the class the gate must give it (the highest class among
 * the differences it makes). `table` changes the declarations; `document` the built document,
 * for what the declarations cannot express (a parameter in a header).
 */
export interface CorpusCase {
  readonly name: string;
  /** The rule it exercises. */
  readonly rule: string;
  readonly expected: Change;
  readonly table?: (table: Table) => Table;
  readonly document?: (document: Document) => void;
  /** A released table other than the live one (a deprecated fixture operation in it). */
  readonly released?: (table: Table) => Table;
  /** The day the gate runs, when it matters (a sunset); the corpus's default otherwise. */
  readonly today?: string;
  /** Whether an operation goes before its sunset: the gate refuses that whatever the bump. */
  readonly beforeSunset?: boolean;
}

/** `endpoint` declared again with `change`: its derived responses follow. */
export const redeclare = (endpoint: AnyEndpoint, change: Partial<EndpointSpec>): AnyEndpoint => {
  const { responses: _, ...spec } = endpoint;
  return defineEndpoint({ ...spec, ...change });
};

/** The table with the operation `name` declared again with `change`. */
const changed =
  (name: keyof typeof endpoints, change: (endpoint: AnyEndpoint) => Partial<EndpointSpec>) =>
  (table: Table): Table => ({
    ...table,
    [name]: redeclare(table[name] as AnyEndpoint, change(table[name] as AnyEndpoint)),
  });

const withSuccess = (schema: z.ZodType) => (endpoint: AnyEndpoint) => ({
  success: { ...endpoint.success, schema },
});

const without = (name: keyof typeof endpoints) => (table: Table) =>
  Object.fromEntries(Object.entries(table).filter(([key]) => key !== name));

const text = (limits: { min?: number; max?: number }) =>
  z
    .string()
    .min(limits.min ?? 10)
    .max(limits.max ?? 5000)
    .meta({ description: 'Text to analyze.' });

const labels = (...values: [string, ...string[]]) => z.enum(values);

const listQuery = (shape: z.core.$ZodLooseShape) => () => ({
  query: ListAnalysesQuery.extend(shape),
});

const paths = (document: Document) =>
  document.paths as Record<string, Record<string, Record<string, unknown>>>;
const listParameters = (document: Document) =>
  paths(document)['/v1/analyses']?.get?.parameters as Record<string, unknown>[];

/** The table with the deprecated fixture operation (sunset 2099-12-31). */
const withOldHealth = (table: Table): Table => ({ ...table, oldHealth: oldHealthEndpoint });

export const corpus: readonly CorpusCase[] = [
  {
    name: 'an operation removed',
    rule: 'removed operation',
    expected: 'breaking',
    table: without('health'),
  },
  {
    name: 'an operation added',
    rule: 'removed operation',
    expected: 'non-breaking',
    table: (table) => ({
      ...table,
      healthAgain: redeclare(endpoints.health, {
        path: '/v1/health-again',
        operationId: 'healthAgain',
      }),
    }),
  },
  {
    name: 'a query parameter removed',
    rule: 'removed parameter',
    expected: 'breaking',
    table: changed('listAnalyses', () => ({
      query: ListAnalysesQuery.omit({ sentiment_label: true }),
    })),
  },
  {
    name: 'an optional header parameter removed',
    rule: 'removed parameter',
    expected: 'non-breaking',
    document: (document) => {
      const parameters = listParameters(document);
      parameters.splice(
        parameters.findIndex((parameter) => parameter.name === 'X-Request-Id'),
        1,
      );
    },
  },
  {
    name: 'an optional query parameter added',
    rule: 'new required parameter',
    expected: 'non-breaking',
    table: changed('listAnalyses', listQuery({ q: z.string().optional() })),
  },
  {
    name: 'a required query parameter added',
    rule: 'new required parameter',
    expected: 'breaking',
    table: changed('listAnalyses', listQuery({ q: z.string() })),
  },
  {
    name: 'a response field removed',
    rule: 'removed response field',
    expected: 'breaking',
    table: changed('getAnalysis', withSuccess(StoredAnalysis.omit({ text: true }))),
  },
  {
    name: 'a response field added',
    rule: 'removed response field',
    expected: 'non-breaking',
    table: changed(
      'getAnalysis',
      withSuccess(StoredAnalysis.extend({ tags: z.array(z.string()) })),
    ),
  },
  {
    name: 'a response field made optional',
    rule: 'removed response field',
    expected: 'breaking',
    table: changed('analyze', withSuccess(AnalyzeResponse.partial({ word_count: true }))),
  },
  {
    name: 'a required request field added',
    rule: 'new required request field',
    expected: 'breaking',
    table: changed('analyze', () => ({ body: AnalyzeRequest.extend({ language: z.string() }) })),
  },
  {
    name: 'an optional request field added',
    rule: 'new required request field',
    expected: 'non-breaking',
    table: changed('analyze', () => ({
      body: AnalyzeRequest.extend({ language: z.string().optional() }),
    })),
  },
  {
    name: 'an optional request field made required',
    rule: 'new required request field',
    expected: 'breaking',
    table: changed('analyze', () => ({
      body: AnalyzeRequest.extend({ extract_entities: z.boolean() }),
    })),
  },
  {
    name: 'a request field narrowed from number to integer',
    rule: 'narrowed request type',
    expected: 'breaking',
    table: changed('prompt', () => ({
      body: PromptRequest.extend({ temperature: z.int().min(0).max(2).optional() }),
    })),
  },
  {
    name: 'a request field widened from integer to number',
    rule: 'narrowed request type',
    expected: 'non-breaking',
    table: changed(
      'listAnalyses',
      listQuery({ limit: z.coerce.number().min(1).max(100).default(20) }),
    ),
  },
  {
    name: 'a request limit narrowed (shorter maximum)',
    rule: 'narrowed request limit',
    expected: 'breaking',
    table: changed('analyze', () => ({
      body: AnalyzeRequest.extend({ text: text({ max: 4000 }) }),
    })),
  },
  {
    name: 'a request limit widened (longer maximum)',
    rule: 'narrowed request limit',
    expected: 'non-breaking',
    table: changed('analyze', () => ({
      body: AnalyzeRequest.extend({ text: text({ max: 8000 }) }),
    })),
  },
  {
    name: 'a request limit narrowed (longer minimum)',
    rule: 'narrowed request limit',
    expected: 'breaking',
    table: changed('analyze', () => ({ body: AnalyzeRequest.extend({ text: text({ min: 20 }) }) })),
  },
  {
    name: 'a query limit narrowed (smaller maximum)',
    rule: 'narrowed request limit',
    expected: 'breaking',
    table: changed(
      'listAnalyses',
      listQuery({ limit: z.coerce.number().int().min(1).max(50).default(20) }),
    ),
  },
  {
    name: 'a format added to a request field',
    rule: 'narrowed request format',
    expected: 'breaking',
    table: changed('verifyEmail', () => ({ body: VerifyEmailRequest.extend({ token: z.uuid() }) })),
  },
  {
    name: 'a format dropped from a request field',
    rule: 'narrowed request format',
    expected: 'non-breaking',
    table: changed('signUp', () => ({
      body: SignUpRequest.extend({ email: z.string().max(254) }),
    })),
  },
  {
    name: 'a response field made nullable',
    rule: 'widened response type',
    expected: 'breaking',
    table: changed(
      'getAnalysis',
      withSuccess(StoredAnalysis.extend({ text: z.string().nullable() })),
    ),
  },
  {
    name: 'a nullable response field made non-null',
    rule: 'widened response type',
    expected: 'non-breaking',
    table: changed(
      'signUp',
      withSuccess(SignUpResult.extend({ expires_at: z.iso.datetime({ offset: true }) })),
    ),
  },
  {
    name: 'a response enum value added',
    rule: 'new response enum value',
    expected: 'breaking',
    table: changed(
      'analyze',
      withSuccess(
        AnalyzeResponse.extend({
          sentiment_label: labels('positive', 'neutral', 'negative', 'mixed'),
        }),
      ),
    ),
  },
  {
    name: 'a response enum value removed',
    rule: 'new response enum value',
    expected: 'non-breaking',
    table: changed(
      'analyze',
      withSuccess(AnalyzeResponse.extend({ sentiment_label: labels('positive', 'negative') })),
    ),
  },
  {
    name: 'a request enum value removed',
    rule: 'removed enum value',
    expected: 'breaking',
    table: changed(
      'listAnalyses',
      listQuery({ sentiment_label: labels('positive', 'negative').optional() }),
    ),
  },
  {
    name: 'a request enum value added',
    rule: 'removed enum value',
    expected: 'non-breaking',
    table: changed(
      'listAnalyses',
      listQuery({ sentiment_label: labels('positive', 'neutral', 'negative', 'mixed').optional() }),
    ),
  },
  {
    name: 'a success status changed (201 to 200)',
    rule: 'changed status code',
    expected: 'breaking',
    table: changed('createAnalysis', (endpoint) => ({
      success: { ...endpoint.success, status: 200 },
    })),
  },
  {
    name: 'a problem status added',
    rule: 'changed status code',
    expected: 'non-breaking',
    table: changed('analyze', () => ({
      problems: {
        'storage-unavailable': { schema: Problem, example: problem('storage-unavailable') },
      },
    })),
  },
  {
    name: 'a success media type changed (JSON to an event stream)',
    rule: 'changed media type',
    expected: 'breaking',
    table: changed('prompt', (endpoint) => ({
      success: { ...endpoint.success, mediaType: 'text/event-stream' },
    })),
  },
  {
    name: 'a request media type added',
    rule: 'changed media type',
    expected: 'non-breaking',
    document: (document) => {
      const body = paths(document)['/v1/analyze']?.post?.requestBody as {
        content: Record<string, unknown>;
      };
      body.content['application/merge-patch+json'] = body.content['application/json'];
    },
  },
  {
    name: 'a query parameter moved to a header',
    rule: 'changed parameter location',
    expected: 'breaking',
    document: (document) => {
      const cursor = listParameters(document).find((parameter) => parameter.name === 'cursor');
      if (cursor) cursor.in = 'header';
    },
  },
  {
    name: 'an optional header parameter added',
    rule: 'changed parameter location',
    expected: 'non-breaking',
    document: (document) => {
      listParameters(document).push({
        name: 'X-Client',
        in: 'header',
        required: false,
        schema: { type: 'string' },
      });
    },
  },
  {
    name: 'a problem status removed',
    rule: 'removed problem status or type',
    expected: 'breaking',
    table: changed('getAnalysis', () => ({
      problems: {
        'storage-unavailable': { schema: Problem, example: problem('storage-unavailable') },
      },
    })),
  },
  {
    name: 'a problem type replaced by another of the same status',
    rule: 'removed problem status or type',
    expected: 'breaking',
    table: changed('prompt', () => ({
      problems: {
        'api-bad-answer': { schema: Problem, example: problem('api-bad-answer') },
        'deadline-exceeded': endpoints.prompt.problems['deadline-exceeded'],
      },
    })),
  },
  {
    name: 'a problem type added to a status',
    rule: 'removed problem status or type',
    expected: 'non-breaking',
    table: changed('prompt', (endpoint) => ({
      problems: {
        ...endpoint.problems,
        'api-bad-answer': { schema: Problem, example: problem('api-bad-answer') },
      },
    })),
  },
  {
    name: 'an operation made to need a caller',
    rule: 'security',
    expected: 'breaking',
    table: changed('analyze', () => ({ access: 'user' })),
  },
  {
    name: 'an operation opened to callers without credentials',
    rule: 'security',
    expected: 'non-breaking',
    table: changed('listAnalyses', () => ({ access: 'optional' })),
  },
  {
    name: 'an operation deprecated',
    rule: 'deprecation',
    expected: 'non-breaking',
    table: changed('health', () => ({
      deprecated: { since: '2026-12-01', sunset: '2027-12-31', successor: '/v1/health-again' },
    })),
  },
  {
    name: 'a deprecated operation removed before its sunset',
    rule: 'deprecation',
    expected: 'breaking',
    released: withOldHealth,
    today: '2027-01-01',
    beforeSunset: true,
  },
  {
    name: 'a deprecated operation removed after its sunset',
    rule: 'deprecation',
    expected: 'breaking',
    released: withOldHealth,
    today: '2100-01-01',
    beforeSunset: false,
  },
  {
    name: 'an operation described differently',
    rule: 'documentation',
    expected: 'documentation',
    table: changed('analyze', () => ({ description: 'Scores the sentiment of a text.' })),
  },
  {
    name: 'an operation summarized differently',
    rule: 'documentation',
    expected: 'documentation',
    table: changed('health', () => ({ summary: 'Is it up?' })),
  },
  {
    name: 'a request example changed',
    rule: 'documentation',
    expected: 'documentation',
    table: changed('analyze', () => ({
      body: AnalyzeRequest.meta({ example: { text: 'A different example text.' } }),
    })),
  },
];
