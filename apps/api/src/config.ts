import { existsSync } from 'node:fs';
import { ModelName } from '@textpulse/contracts';
import { commaSeparated, readEnvironment } from '@textpulse/runtime';
import { z } from 'zod';
import { MODEL_NAMING_HINT, resolveModel } from './prompt/providers/model-names.js';

/** An IPv4 or IPv6 address, optionally a CIDR range (10.0.0.0/8, fd00::/8). */
const AddressOrRange = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: 'Use IP addresses or CIDR ranges, such as 127.0.0.1 or 10.0.0.0/8',
});

const milliseconds = (fallback: number) =>
  z.coerce.number().int().min(1).max(600_000).default(fallback);

/** A model some provider of this server serves. */
const ChainModel = ModelName.refine((name) => resolveModel(name) !== undefined, MODEL_NAMING_HINT);

/** Every environment variable the API reads, with its default. */
export const EnvVariables = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  HOST: z.string().min(1).default('localhost'),
  CORS_ORIGINS: commaSeparated(z.url({ protocol: /^https?$/ })).default(['http://localhost:3000']),
  TEXTPULSE_MODELS: commaSeparated(ChainModel).default(['local']),
  TEXTPULSE_ALLOWED_MODELS: commaSeparated(ChainModel).optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  MODEL_TIMEOUT_MS: milliseconds(15_000),
  PROMPT_DEADLINE_MS: milliseconds(30_000),
  STREAM_HEARTBEAT_MS: milliseconds(15_000),
  REQUEST_TIMEOUT_MS: milliseconds(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(60),
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
  AUTH_RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(86_400).default(600),
  TRUST_PROXY: commaSeparated(AddressOrRange).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_TIMEOUT_MS: milliseconds(1000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_TIMEOUT_MS: milliseconds(5000),
  NODE_ENV: z.string().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('TextPulse <no-reply@localhost>'),
  MAIL_TIMEOUT_MS: milliseconds(10_000),
  REQUIRE_EMAIL_VERIFICATION: z.stringbool().default(false),
  AUTH_SECRET: z
    .string()
    .min(32, 'Use at least 32 random characters, such as the output of `openssl rand -base64 32`.')
    .optional(),
});

/**
 * What signs session cookies outside production, where AUTH_SECRET may be left out so that the
 * stack starts with no configuration. Public, so never good enough for production, where the API
 * refuses to start without AUTH_SECRET.
 */
export const DEVELOPMENT_AUTH_SECRET = 'textpulse-development-secret-never-use-in-production';

/** Checks between variables: production needs its own secret, and mail to verify addresses. */
const CheckedVariables = EnvVariables.superRefine((env, context) => {
  if (
    env.NODE_ENV === 'production' &&
    env.REQUIRE_EMAIL_VERIFICATION &&
    env.SMTP_URL === undefined
  ) {
    context.addIssue({
      code: 'custom',
      path: ['SMTP_URL'],
      message:
        'Required when NODE_ENV=production and REQUIRE_EMAIL_VERIFICATION=true: nobody could verify an address without mail.',
    });
  }
  if (env.NODE_ENV === 'production' && env.AUTH_SECRET === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['AUTH_SECRET'],
      message:
        'Required when NODE_ENV=production: at least 32 random characters that sign session cookies (`openssl rand -base64 32`).',
    });
  }
});

/** The names of the variables the API reads (declared for its tasks in apps/api/turbo.json). */
export const ENV_VARIABLES = Object.keys(EnvVariables.shape);

/** The environment, parsed into the AppConfig. */
const Env = CheckedVariables.transform((env) => ({
  port: env.PORT,
  host: env.HOST,
  corsOrigins: env.CORS_ORIGINS,
  /** The default model chain, in fallback order. */
  models: env.TEXTPULSE_MODELS,
  /** The models a request may name: TEXTPULSE_ALLOWED_MODELS, or else the default chain. */
  allowedModels: env.TEXTPULSE_ALLOWED_MODELS ?? env.TEXTPULSE_MODELS,
  openai: { baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY },
  modelTimeoutMs: env.MODEL_TIMEOUT_MS,
  promptDeadlineMs: env.PROMPT_DEADLINE_MS,
  /** How often an event stream with nothing else to send sends a heartbeat comment. */
  streamHeartbeatMs: env.STREAM_HEARTBEAT_MS,
  /**
   * The longest a client may take to send a whole request, headers and body (then 408): a slow
   * client cannot hold a socket. The answer's time is not counted, so streams are not cut.
   */
  requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
  logLevel: env.LOG_LEVEL,
  /** JSON lines, or one readable line per event for a person at a terminal (`pnpm dev`). */
  logFormat: env.LOG_FORMAT,
  /** Requests per caller (or client address) and window on each rate-limited operation. */
  rateLimit: { max: env.RATE_LIMIT_MAX, windowS: env.RATE_LIMIT_WINDOW_S },
  /**
   * The stricter limit on attempts to sign in or sign up: per account (the email tried) and,
   * separately, per client address, on top of the rate limit above.
   */
  credentialRateLimit: { max: env.AUTH_RATE_LIMIT_MAX, windowS: env.AUTH_RATE_LIMIT_WINDOW_S },
  /**
   * The proxies whose X-Forwarded-For is believed (Fastify's trustProxy): a request from one of
   * them counts as coming from the address it forwards. None by default.
   */
  trustedProxies: env.TRUST_PROXY ?? [],
  /**
   * Redis (or Valkey) for the rate-limit counters, shared by every replica; without it, each
   * process counts on its own. A command waits at most timeoutMs.
   */
  redis: { url: env.REDIS_URL, timeoutMs: env.REDIS_TIMEOUT_MS },
  /** PostgreSQL at DATABASE_URL, else the embedded PGlite in DATA_DIR ("memory": in memory). */
  database: {
    url: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    poolMax: env.DATABASE_POOL_MAX,
    timeoutMs: env.DATABASE_TIMEOUT_MS,
  },
  /** In production: Secure cookies, and no mail written to the log. */
  production: env.NODE_ENV === 'production',
  mail: {
    /** The SMTP server (smtp:// or smtps://, credentials in the URL); unset: mail goes to the log. */
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    /** The longest a connection to the SMTP server, or an answer from it, may take. */
    timeoutMs: env.MAIL_TIMEOUT_MS,
    /** Where the links in mail lead: the web app, the first of CORS_ORIGINS. */
    linkOrigin: env.CORS_ORIGINS[0] as string,
  },
  auth: {
    /** Sign-up sends a link, and sign-in waits until the address is verified. */
    requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION,
    /** Signs session cookies; every replica needs the same one. */
    secret: env.AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET,
    /** Session cookies are Secure in production (sent over HTTPS only). */
    secureCookies: env.NODE_ENV === 'production',
  },
}));

export type AppConfig = z.output<typeof Env>;

/**
 * Fills what the environment lacks from a .env file in the working directory (apps/api under
 * pnpm), when there is one: what the server and the migration script read first.
 */
export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** Parses the environment; a bad value throws an EnvironmentError naming each variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return readEnvironment(Env, env);
}

/** Injection token of the AppConfig. */
export const APP_CONFIG = Symbol('AppConfig');
