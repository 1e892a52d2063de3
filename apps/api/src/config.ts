import { ModelName } from '@textpulse/contracts';
import { z } from 'zod';

const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

const milliseconds = (fallback: number) =>
  z.coerce.number().int().min(1).max(600_000).default(fallback);

/** A model of the chain: the built-in offline "local" model, or "openai:<model>" on the OpenAI-compatible server. */
export const ChainModel = ModelName.refine(
  (name) => name === 'local' || /^openai:.+/.test(name),
  'Use "local" or "openai:<model>"',
);

/** Every environment variable the API reads, with its default. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  HOST: z.string().min(1).default('localhost'),
  CORS_ORIGINS: list(z.url({ protocol: /^https?$/ })).default(['http://localhost:3000']),
  TEXTPULSE_MODELS: list(ChainModel).default(['local']),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  MODEL_TIMEOUT_MS: milliseconds(15_000),
  PROMPT_DEADLINE_MS: milliseconds(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(60),
});

export interface AppConfig {
  port: number;
  host: string;
  corsOrigins: string[];
  /** The default model chain, in fallback order. */
  models: string[];
  openai: { baseURL: string | undefined; apiKey: string | undefined };
  modelTimeoutMs: number;
  promptDeadlineMs: number;
  logLevel: z.output<typeof Env>['LOG_LEVEL'];
  /** Requests per client and window on the rate-limited operations. */
  rateLimit: { max: number; windowS: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value throws a ConfigError naming each variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid environment:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    corsOrigins: e.CORS_ORIGINS,
    models: e.TEXTPULSE_MODELS,
    openai: { baseURL: e.OPENAI_BASE_URL, apiKey: e.OPENAI_API_KEY },
    modelTimeoutMs: e.MODEL_TIMEOUT_MS,
    promptDeadlineMs: e.PROMPT_DEADLINE_MS,
    logLevel: e.LOG_LEVEL,
    rateLimit: { max: e.RATE_LIMIT_MAX, windowS: e.RATE_LIMIT_WINDOW_S },
  };
}

/** Injection token of the AppConfig. */
export const APP_CONFIG = Symbol('AppConfig');
