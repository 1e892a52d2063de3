import { z } from 'zod';
import { AnalyzeRequest, AnalyzeResponse, SentimentLabel } from './analyze.js';
import { defineEndpoint } from './declaration.js';
import { Problem, problem } from './problem.js';
import { queryInteger } from './query.js';

/** Limits of a page of the history. */
export const PAGE_LIMITS = { min: 1, max: 100, default: 20 } as const;

const exampleId = '019a8b2c-3d4e-7f60-8a1b-2c3d4e5f6a7b';

export const AnalysisId = z.uuid().meta({
  description: 'Id of a stored analysis: a UUID, version 7 (time-ordered) when this API made it.',
  example: exampleId,
});

/** An unpaired surrogate: with NUL, what PostgreSQL text cannot hold as sent. */
const unpairedSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Body of POST /v1/analyses: what POST /v1/analyze takes, but the text must be storable —
 * well-formed Unicode (no lone surrogate) without NUL characters, which PostgreSQL text cannot hold.
 */
export const CreateAnalysisRequest = AnalyzeRequest.extend({
  text: AnalyzeRequest.shape.text.refine(
    (text) => !text.includes('\u0000') && !unpairedSurrogate.test(text),
    'Remove NUL characters and unpaired surrogates: stored text must be well-formed Unicode.',
  ),
}).meta({
  id: 'CreateAnalysisRequest',
  description:
    'A text to analyze and store. Unknown keys are rejected; the text must be well-formed Unicode without NUL.',
  example: AnalyzeRequest.meta()?.example,
});
export type CreateAnalysisRequest = z.output<typeof CreateAnalysisRequest>;

/** The analysis of AnalyzeRequest's example, as stored (the API's answer, but for id and time). */
const exampleStored = {
  id: exampleId,
  created_at: '2026-11-22T12:00:00.000Z',
  version: '0.1.0',
  ...(AnalyzeRequest.meta()?.example as { text: string; extract_entities: boolean }),
  result: AnalyzeResponse.meta()?.example as z.input<typeof AnalyzeResponse>,
};

/** An analysis as stored: the text, its analysis, when and by which version. */
export const StoredAnalysis = z
  .object({
    id: AnalysisId,
    created_at: z.iso.datetime({ offset: true }).meta({
      description: 'When it was stored (RFC 3339).',
      example: '2026-11-22T12:00:00.000Z',
    }),
    version: z.string().meta({
      description: 'Version of the API, and so of its engine, that made the analysis.',
      example: '0.1.0',
    }),
    text: z.string().meta({ description: 'The text, as sent.' }),
    extract_entities: z.boolean().meta({ description: 'Whether entities were asked for.' }),
    result: AnalyzeResponse,
  })
  .meta({ id: 'StoredAnalysis', description: 'A stored analysis.', example: exampleStored });
export type StoredAnalysis = z.output<typeof StoredAnalysis>;

const cursorPattern = /^[A-Za-z0-9_-]{1,200}$/;

/** The opaque cursor of a page: the id of the last item shown, base64url-encoded. */
export const encodeCursor = (id: string): string =>
  btoa(id).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');

/** The id a cursor stands for, or undefined when it is not one this API gave out. */
export function decodeCursor(cursor: string): string | undefined {
  // Within the alphabet and without padding, atob fails only on a length of 4n + 1.
  if (!cursorPattern.test(cursor) || cursor.length % 4 === 1) return undefined;
  // Stryker disable next-line StringLiteral: the base64 of a UUID holds neither + nor /, so the cursors given out hold neither - nor _
  const id = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  return AnalysisId.safeParse(id).success ? id : undefined;
}

/** Query of GET /v1/analyses. */
export const ListAnalysesQuery = z
  .strictObject({
    limit: queryInteger(
      z.int().min(PAGE_LIMITS.min).max(PAGE_LIMITS.max).default(PAGE_LIMITS.default),
    ).meta({ description: `Items per page, ${PAGE_LIMITS.min}–${PAGE_LIMITS.max}.`, example: 20 }),
    cursor: z
      .string()
      .refine((cursor) => decodeCursor(cursor) !== undefined, 'Not a cursor this API gave out.')
      .optional()
      .meta({ description: 'next_cursor of the previous page; absent for the first page.' }),
    sentiment_label: SentimentLabel.optional(),
  })
  .meta({ description: 'Which page of the history, newest first, and an optional filter.' });

/** A page of the history, newest first. */
export const AnalysisPage = z
  .object({
    items: z.array(StoredAnalysis),
    next_cursor: z.string().nullable().meta({
      description: 'Pass it as cursor for the next page; null on the last page.',
    }),
  })
  .meta({
    id: 'AnalysisPage',
    description: 'A page of stored analyses, newest first.',
    example: { items: [exampleStored], next_cursor: null },
  });

const ById = z.object({ id: AnalysisId });

/** The answer of a storage operation while the database is down or too slow. */
const storageUnavailable = {
  schema: Problem,
  example: problem('storage-unavailable', {
    detail: 'The database did not answer; try again shortly.',
    instance: '/v1/analyses',
  }),
};

const notFound = {
  schema: Problem,
  example: problem('not-found', {
    detail: `No analysis has the id ${exampleId}.`,
    instance: `/v1/analyses/${exampleId}`,
  }),
};

/** POST /v1/analyses: analyze a text and store it. */
export const createAnalysisEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/analyses',
  operationId: 'createAnalysis',
  summary: 'Analyze a text and store it',
  description:
    'Analyzes the text as POST /v1/analyze does and stores the text with its analysis; answers 201 with the stored analysis and its Location.',
  tag: 'analyses',
  access: 'user',
  body: CreateAnalysisRequest,
  invalidExample: { body: { text: 'Too short', colour: 'red' } },
  rateLimited: true,
  problems: { 'storage-unavailable': storageUnavailable },
  success: {
    status: 201,
    description: 'Stored.',
    schema: StoredAnalysis,
    headers: z.object({
      Location: z.string().meta({
        description: 'Path of the stored analysis.',
        example: `/v1/analyses/${exampleId}`,
      }),
    }),
  },
});

/** GET /v1/analyses: the history, newest first, a page at a time. */
export const listAnalysesEndpoint = defineEndpoint({
  method: 'get',
  path: '/v1/analyses',
  operationId: 'listAnalyses',
  summary: 'List stored analyses',
  description:
    'The stored analyses, newest first, a page at a time (cursor pagination), optionally only those of one sentiment label.',
  tag: 'analyses',
  access: 'user',
  query: ListAnalysesQuery,
  invalidExample: { query: { limit: '0', cursor: 'garbage!' } },
  rateLimited: false,
  success: { status: 200, description: 'A page of the history.', schema: AnalysisPage },
  problems: { 'storage-unavailable': storageUnavailable },
});

/** GET /v1/analyses/{id}: one stored analysis. */
export const getAnalysisEndpoint = defineEndpoint({
  method: 'get',
  path: '/v1/analyses/{id}',
  operationId: 'getAnalysis',
  summary: 'Get a stored analysis',
  description: 'One stored analysis by its id.',
  tag: 'analyses',
  access: 'user',
  params: ById,
  invalidExample: { params: { id: 'not-a-uuid' } },
  rateLimited: false,
  success: { status: 200, description: 'The stored analysis.', schema: StoredAnalysis },
  problems: { 'not-found': notFound, 'storage-unavailable': storageUnavailable },
});

/** DELETE /v1/analyses/{id}: forget a stored analysis. */
export const deleteAnalysisEndpoint = defineEndpoint({
  method: 'delete',
  path: '/v1/analyses/{id}',
  operationId: 'deleteAnalysis',
  summary: 'Delete a stored analysis',
  description: 'Deletes one stored analysis by its id.',
  tag: 'analyses',
  access: 'user',
  params: ById,
  invalidExample: { params: { id: 'not-a-uuid' } },
  rateLimited: true,
  success: { status: 204, description: 'Deleted.' },
  problems: { 'not-found': notFound, 'storage-unavailable': storageUnavailable },
});
