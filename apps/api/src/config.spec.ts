import { readFileSync } from 'node:fs';
import { EnvironmentError } from '@textpulse/runtime';
import { repositoryPath } from '@textpulse/vitest-config';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_AUTH_SECRET, ENV_VARIABLES, EnvVariables, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs offline with no configuration', () => {
    expect(loadConfig({})).toEqual({
      port: 3001,
      host: 'localhost',
      corsOrigins: ['http://localhost:3000'],
      models: ['local'],
      allowedModels: ['local'],
      openai: { baseURL: undefined, apiKey: undefined },
      modelTimeoutMs: 15_000,
      promptDeadlineMs: 30_000,
      streamHeartbeatMs: 15_000,
      requestTimeoutMs: 30_000,
      logLevel: 'info',
      logFormat: 'json',
      rateLimit: { max: 60, windowS: 60 },
      credentialRateLimit: { max: 10, windowS: 600 },
      trustedProxies: [],
      redis: { url: undefined, timeoutMs: 1000 },
      database: { url: undefined, dataDir: '.data', poolMax: 10, timeoutMs: 5000 },
      production: false,
      mail: {
        smtpUrl: undefined,
        from: 'TextPulse <no-reply@localhost>',
        timeoutMs: 10_000,
        linkOrigin: 'http://localhost:3000',
      },
      auth: {
        requireEmailVerification: false,
        secret: DEVELOPMENT_AUTH_SECRET,
        secureCookies: false,
      },
    });
  });

  it('refuses production without AUTH_SECRET, naming it; there, cookies are Secure', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /^Invalid environment:\n {2}AUTH_SECRET: Required when NODE_ENV=production/,
    );
    const secret = 'x'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: secret }).auth).toEqual({
      requireEmailVerification: false,
      secret,
      secureCookies: true,
    });
    expect(() => loadConfig({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET: Use at least 32/);
  });

  it('refuses to require verified addresses in production without SMTP_URL, naming it', () => {
    const production = { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig({ ...production, REQUIRE_EMAIL_VERIFICATION: 'true' })).toThrow(
      /^Invalid environment:\n {2}SMTP_URL: Required when NODE_ENV=production and REQUIRE_EMAIL_VERIFICATION=true/,
    );
    const smtp = { ...production, REQUIRE_EMAIL_VERIFICATION: 'true', SMTP_URL: 'smtp://mail:25' };
    expect(loadConfig(smtp).auth.requireEmailVerification).toBe(true);
    expect(loadConfig({ REQUIRE_EMAIL_VERIFICATION: 'true' }).auth.requireEmailVerification).toBe(
      true,
    );
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TEXTPULSE_MODELS: 'openai:llama3.2, local',
      TEXTPULSE_ALLOWED_MODELS: 'openai:llama3.2, openai:qwen3, local',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      OPENAI_API_KEY: 'sk-1',
      MODEL_TIMEOUT_MS: '2000',
      PROMPT_DEADLINE_MS: '5000',
      STREAM_HEARTBEAT_MS: '1000',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'pretty',
      RATE_LIMIT_MAX: '100',
      RATE_LIMIT_WINDOW_S: '10',
      AUTH_RATE_LIMIT_MAX: '5',
      AUTH_RATE_LIMIT_WINDOW_S: '900',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1, ::1',
      REDIS_URL: 'redis://cache.internal:6379',
      REDIS_TIMEOUT_MS: '250',
      SMTP_URL: 'smtps://user:secret@mail.example:465',
      MAIL_FROM: 'Acme <accounts@acme.example>',
      MAIL_TIMEOUT_MS: '3000',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      corsOrigins: ['https://a.example', 'https://b.example'],
      models: ['openai:llama3.2', 'local'],
      allowedModels: ['openai:llama3.2', 'openai:qwen3', 'local'],
      openai: { baseURL: 'http://localhost:11434/v1', apiKey: 'sk-1' },
      modelTimeoutMs: 2000,
      promptDeadlineMs: 5000,
      streamHeartbeatMs: 1000,
      logLevel: 'warn',
      logFormat: 'pretty',
      rateLimit: { max: 100, windowS: 10 },
      credentialRateLimit: { max: 5, windowS: 900 },
      trustedProxies: ['10.0.0.0/8', '127.0.0.1', '::1'],
      redis: { url: 'redis://cache.internal:6379', timeoutMs: 250 },
      mail: {
        smtpUrl: 'smtps://user:secret@mail.example:465',
        from: 'Acme <accounts@acme.example>',
        timeoutMs: 3000,
        linkOrigin: 'https://a.example',
      },
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TEXTPULSE_MODELS: 'gpt-4' }, 'TEXTPULSE_MODELS'],
    [{ TEXTPULSE_MODELS: ' , ' }, 'TEXTPULSE_MODELS'],
    [{ TEXTPULSE_ALLOWED_MODELS: 'local, mistral' }, 'TEXTPULSE_ALLOWED_MODELS'],
    [{ CORS_ORIGINS: 'not a url' }, 'CORS_ORIGINS'],
    [{ OPENAI_BASE_URL: 'ftp://models.example' }, 'OPENAI_BASE_URL'],
    [{ MODEL_TIMEOUT_MS: '0' }, 'MODEL_TIMEOUT_MS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LOG_FORMAT: 'colorful' }, 'LOG_FORMAT'],
    [{ RATE_LIMIT_MAX: '0' }, 'RATE_LIMIT_MAX'],
    [{ AUTH_RATE_LIMIT_MAX: '0' }, 'AUTH_RATE_LIMIT_MAX'],
    [{ AUTH_RATE_LIMIT_WINDOW_S: '86401' }, 'AUTH_RATE_LIMIT_WINDOW_S'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'proxy.example' }, 'TRUST_PROXY'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL'],
    [{ REDIS_TIMEOUT_MS: '0' }, 'REDIS_TIMEOUT_MS'],
    [{ SMTP_URL: 'http://mail.example' }, 'SMTP_URL'],
    [{ REQUIRE_EMAIL_VERIFICATION: 'sometimes' }, 'REQUIRE_EMAIL_VERIFICATION'],
  ])('rejects %j, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(EnvironmentError);
    expect(() => loadConfig(env)).toThrow(
      new RegExp(`^Invalid environment:\\n  ${variable}(\\.\\d+)?: `),
    );
  });
});

describe('the environment variables', () => {
  it('are each passed through to the tasks that run the API (Turborepo strict env mode)', () => {
    const turbo = JSON.parse(readFileSync(new URL('../turbo.json', import.meta.url), 'utf8')) as {
      tasks: Record<string, { passThroughEnv?: string[] }>;
    };
    for (const task of ['dev', 'start']) {
      expect(turbo.tasks[task]?.passThroughEnv, task).toEqual(
        expect.arrayContaining(ENV_VARIABLES),
      );
      // The OpenTelemetry settings (docs/DEPLOY.md), which the SDK reads besides.
      expect(turbo.tasks[task]?.passThroughEnv, task).toContain('OTEL_*');
    }
    expect(ENV_VARIABLES).toContain('RATE_LIMIT_MAX');
  });

  it('are each listed, with its default, in .env.example, and nothing else is', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const listed = [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...ENV_VARIABLES].sort());
  });

  /**
   * The defaults the docs show: .env.example's `# NAME=value` lines and the api rows of
   * docs/DEPLOY.md's table (its first `code` in the Default column, or "none").
   */
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  const deploy = readFileSync(repositoryPath('docs', 'DEPLOY.md'), 'utf8');
  const shown = {
    '.env.example': [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(
      ([, name, value]) => [name ?? '', value ?? ''] as const,
    ),
    'docs/DEPLOY.md': [...deploy.matchAll(/^\| `([A-Z][A-Z0-9_]*)` +\| api +\| ([^|]+)\|/gm)].map(
      ([, name, cell]) => [name ?? '', /^`([^`]*)`/.exec(cell?.trim() ?? '')?.[1] ?? ''] as const,
    ),
  };

  it.each(Object.entries(shown))('are shown in %s with the defaults the code has', (_, values) => {
    expect(values.map(([name]) => name).sort()).toEqual([...ENV_VARIABLES].sort());
    for (const [name, value] of values) {
      const field = EnvVariables.shape[name as keyof typeof EnvVariables.shape];
      if (value === '') {
        expect(field.safeParse(undefined).data, `${name} has a default`).toBeUndefined();
      } else {
        // Setting a variable to the value shown changes nothing: it is the default.
        expect(loadConfig({ [name]: value }), `${name}=${value}`).toEqual(loadConfig({}));
      }
    }
  });
});

describe('the embedded database of `pnpm dev`', () => {
  it('is not the one `pnpm start` opens, unless DATA_DIR says so', () => {
    const scripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
      .scripts as Record<string, string>;
    const devDir = /\bDATA_DIR=\$\{DATA_DIR:-([^}]+)\}/.exec(scripts.dev ?? '')?.[1];
    expect(devDir, 'pnpm dev sets DATA_DIR unless the shell does').toBeDefined();
    expect(devDir).not.toBe(loadConfig({}).database.dataDir);
    expect(scripts.start).not.toContain('DATA_DIR');
  });
});
