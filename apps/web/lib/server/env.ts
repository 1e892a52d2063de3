import 'server-only';
import { readEnvironment } from '@textpulse/runtime';
import { z } from 'zod';

export const Env = z.object({
  /** Base URL of the TextPulse API, as the Next server reaches it. */
  API_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3001'),
  /**
   * Where people's browsers find the API's Swagger UI: its public address, set on its own and
   * never derived from API_URL, which may be an address only the server can reach.
   */
  API_DOCS_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3001/docs'),
  /** How long the web server waits for the API (the prompt chain may take its whole deadline). */
  API_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(40_000),
  /** Requests per client and window through the route handlers (the web tier's own limit). */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(60),
  /** The least severe log lines written (pino's levels). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** JSON lines, or one readable line per event for a person at a terminal (`pnpm dev` sets it). */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
});

/** The names of the variables the web server reads (declared for its tasks in apps/web/turbo.json). */
export const ENV_VARIABLES = Object.keys(Env.shape);

/** The configuration `source` (the environment) describes; a bad value throws, naming each variable. */
export function readEnv(source: Record<string, string | undefined>) {
  const {
    API_URL,
    API_DOCS_URL,
    API_TIMEOUT_MS,
    LOG_LEVEL,
    LOG_FORMAT,
    RATE_LIMIT_MAX,
    RATE_LIMIT_WINDOW_S,
  } = readEnvironment(Env, source);
  const apiUrl = API_URL.replace(/\/+$/, '');
  return {
    apiUrl,
    apiDocsUrl: API_DOCS_URL,
    apiTimeoutMs: API_TIMEOUT_MS,
    logLevel: LOG_LEVEL,
    logFormat: LOG_FORMAT,
    rateLimit: { max: RATE_LIMIT_MAX, windowS: RATE_LIMIT_WINDOW_S },
  };
}

/** Server-side configuration, parsed once; a bad value fails with the variable's name. */
export const env = readEnv(process.env);
