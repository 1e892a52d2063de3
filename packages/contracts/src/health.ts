import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';

/** Result of GET /v1/health. */
export const HealthResponse = z
  .object({
    status: z.literal('ok').meta({ description: 'Always "ok" when the API answers.' }),
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
  })
  .meta({
    id: 'HealthResponse',
    description: 'Liveness and configuration summary of the API.',
    example: { status: 'ok', version: '0.1.0', uptime_s: 42.5, models: ['local'] },
  });
export type HealthResponse = z.output<typeof HealthResponse>;

/** GET /v1/health: liveness and configuration. */
export const healthEndpoint = defineEndpoint({
  method: 'get',
  path: '/v1/health',
  operationId: 'getHealth',
  summary: 'Check the API',
  description: 'Tells that the API is up, its version, its uptime and the configured model chain.',
  tag: 'health',
  rateLimited: false,
  success: { status: 200, description: 'The API is up.', schema: HealthResponse },
});
