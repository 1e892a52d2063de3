import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema.gen.js';

export type { components, operations, paths };

/** The schemas of the TextPulse API, as generated from the contract's OpenAPI document. */
export type Schemas = components['schemas'];

/** A typed TextPulse API client: paths, bodies and answers all come from the generated types. */
export type ApiClient = Client<paths>;

/**
 * Creates a typed client of the TextPulse API at `baseUrl` (for example http://localhost:3001).
 * Every call resolves to `{ data }` on success or `{ error }` with the problem+json body.
 */
export function createApiClient(
  baseUrl: string,
  options: Omit<ClientOptions, 'baseUrl'> = {},
): ApiClient {
  return createClient<paths>({ ...options, baseUrl });
}
