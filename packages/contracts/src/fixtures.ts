import { z } from 'zod';
import { defineEndpoint } from './declaration.js';

/**
 * Declarations that exist only for tests, never in the endpoint table: what the contract can say
 * that no live operation says yet, proven on an operation no client depends on.
 */

/** A deprecated operation with a deprecated field: its successor is GET /v1/health. */
export const oldHealthEndpoint = defineEndpoint({
  method: 'get',
  path: '/v1/fixtures/old-health',
  operationId: 'oldHealth',
  summary: 'Liveness, the old way',
  description: 'Says that the API is up.',
  tag: 'health',
  access: 'public',
  rateLimited: false,
  deprecated: { since: '2026-12-01', sunset: '2099-12-31', successor: '/v1/health' },
  success: {
    status: 200,
    description: 'The API is up.',
    schema: z
      .object({
        status: z.literal('ok'),
        up: z.boolean().meta({ deprecated: true, description: 'Always true; read status.' }),
      })
      .meta({ description: 'Liveness.', example: { status: 'ok', up: true } }),
  },
});

export const Thing = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'Thing' });

/**
 * An operation with everything the API's own do not have yet: a path parameter, a query, a 201.
 * Declared at each call, so that a mutant of defineEndpoint shapes what a test checks.
 */
export const declareRenameThing = () =>
  defineEndpoint({
    method: 'put',
    path: '/v1/things/{id}',
    operationId: 'renameThing',
    summary: 'Rename a thing',
    description: 'Renames it.',
    tag: 'things',
    params: z.object({ id: z.uuid() }),
    query: z.strictObject({ dry_run: z.stringbool().default(false) }),
    body: z.strictObject({ name: z.string().min(1) }),
    invalidExample: { params: { id: 'nope' }, query: { dry_run: 'maybe' }, body: { name: '' } },
    access: 'public',
    rateLimited: false,
    success: {
      status: 201,
      description: 'Renamed.',
      schema: Thing,
      headers: z.object({ Location: z.string() }),
    },
  });

export const declareDeleteThing = () =>
  defineEndpoint({
    method: 'delete',
    path: '/v1/things/{id}',
    operationId: 'deleteThing',
    summary: 'Delete a thing',
    description: 'Deletes it.',
    tag: 'things',
    params: z.object({ id: z.uuid() }),
    invalidExample: { params: { id: 'nope' } },
    access: 'public',
    rateLimited: true,
    success: { status: 204, description: 'Deleted.' },
  });
