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
