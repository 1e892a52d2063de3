import { z } from 'zod';
import { defineEndpoint } from './declaration.js';

/** The database behind the stored analyses, as the health check found it. */
export const DatabaseHealth = z
  .object({
    status: z.enum(['up', 'down']).meta({
      description:
        '"up" when it answered a query within DATABASE_TIMEOUT_MS; "down" otherwise (storage operations then answer 503, the rest of the API keeps working).',
    }),
    driver: z.enum(['pglite', 'postgres']).meta({
      description:
        '"pglite": the embedded database in DATA_DIR; "postgres": the server at DATABASE_URL.',
    }),
  })
  .meta({
    id: 'DatabaseHealth',
    description: 'The database and its driver.',
    example: { status: 'up', driver: 'pglite' },
  });
export type DatabaseHealth = z.output<typeof DatabaseHealth>;

/** Result of GET /v1/health. */
export const HealthResponse = z
  .object({
    status: z.literal('ok').meta({
      description: 'Always "ok" when the API answers, even with its database down (see database).',
    }),
    version: z
      .string()
      .meta({ description: 'Version of the running API (its package version).', example: '0.1.0' }),
    uptime_s: z
      .number()
      .min(0)
      .meta({ description: 'Seconds since the API started.', example: 42.5 }),
    models: z.array(z.string()).meta({
      description: 'The configured model chain, in fallback order.',
      example: ['local'],
    }),
    database: DatabaseHealth,
  })
  .meta({
    id: 'HealthResponse',
    description: 'Liveness and configuration summary of the API.',
    example: {
      status: 'ok',
      version: '0.1.0',
      uptime_s: 42.5,
      models: ['local'],
      database: { status: 'up', driver: 'pglite' },
    },
  });
export type HealthResponse = z.output<typeof HealthResponse>;

/** GET /v1/health: liveness and configuration. */
export const healthEndpoint = defineEndpoint({
  method: 'get',
  path: '/v1/health',
  operationId: 'getHealth',
  summary: 'Check the API',
  description:
    'Tells that the API is up, its version, its uptime, the configured model chain and whether its database answers.',
  tag: 'health',
  access: 'public',
  rateLimited: false,
  success: { status: 200, description: 'The API is up.', schema: HealthResponse },
});
