import { readFileSync } from 'node:fs';
import { EnvironmentError } from '@textpulse/runtime';
import { repositoryPath } from '@textpulse/vitest-config';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, Env, readEnv } from './env';

describe('the environment variables', () => {
  it('are each passed through to the tasks that run the web app (Turborepo strict env mode)', () => {
    const turbo = JSON.parse(
      readFileSync(new URL('../../turbo.json', import.meta.url), 'utf8'),
    ) as {
      tasks: Record<string, { passThroughEnv?: string[] }>;
    };
    for (const task of ['dev', 'start']) {
      expect(turbo.tasks[task]?.passThroughEnv, task).toEqual(
        expect.arrayContaining(ENV_VARIABLES),
      );
      // The OpenTelemetry settings (docs/DEPLOY.md), which the SDK reads besides.
      expect(turbo.tasks[task]?.passThroughEnv, task).toContain('OTEL_*');
    }
    expect(ENV_VARIABLES).toContain('API_URL');
    // dev:mock sets API_URL itself, to the contract mocks: every other variable passes.
    expect(turbo.tasks['dev:mock']?.passThroughEnv?.sort()).toEqual(
      [...(turbo.tasks.dev?.passThroughEnv ?? [])].filter((name) => name !== 'API_URL').sort(),
    );
  });

  it('are each listed, with its default, in .env.example, and nothing else is', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const listed = [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...ENV_VARIABLES].sort());
  });

  /**
   * The defaults the docs show: .env.example's `# NAME=value` lines and the web rows of
   * docs/DEPLOY.md's table (its first `code` in the Default column, or "none"), but for the two
   * variables Next's own server reads.
   */
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const deploy = readFileSync(repositoryPath('docs', 'DEPLOY.md'), 'utf8');
  const READ_BY_NEXT = ['PORT', 'HOSTNAME'];
  const shown = {
    '.env.example': [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(
      ([, name, value]) => [name ?? '', value ?? ''] as const,
    ),
    'docs/DEPLOY.md': [...deploy.matchAll(/^\| `([A-Z][A-Z0-9_]*)` +\| web +\| ([^|]+)\|/gm)]
      .map(
        ([, name, cell]) => [name ?? '', /^`([^`]*)`/.exec(cell?.trim() ?? '')?.[1] ?? ''] as const,
      )
      .filter(([name]) => !READ_BY_NEXT.includes(name)),
  };

  it.each(Object.entries(shown))('are shown in %s with the defaults the code has', (_, values) => {
    expect(values.map(([name]) => name).sort()).toEqual([...ENV_VARIABLES].sort());
    for (const [name, value] of values) {
      const field = Env.shape[name as keyof typeof Env.shape];
      if (value === '') {
        expect(field.safeParse(undefined).data, `${name} has a default`).toBeUndefined();
      } else {
        // Setting a variable to the value shown changes nothing: it is the default.
        expect(readEnv({ [name]: value }), `${name}=${value}`).toEqual(readEnv({}));
      }
    }
  });
});

describe('readEnv', () => {
  /** Whether `value` is accepted for the variable `name`. */
  const accepts = (name: string, value: string) => {
    try {
      readEnv({ [name]: value });
      return true;
    } catch {
      return false;
    }
  };

  it.each(['API_URL', 'API_DOCS_URL'])('takes only http and https URLs for %s', (name) => {
    expect(accepts(name, 'http://api:3001')).toBe(true);
    expect(accepts(name, 'https://api.example')).toBe(true);
    for (const url of ['ftp://api', 'xhttp://api', 'xhttps://api', 'httpx://api', 'httpsx://api']) {
      expect(accepts(name, url), url).toBe(false);
    }
    expect(accepts(name, 'not a url')).toBe(false);
  });

  it.each([
    ['API_TIMEOUT_MS', 1, 600_000],
    ['RATE_LIMIT_WINDOW_S', 1, 86_400],
    ['RATE_LIMIT_MAX', 1, Number.MAX_SAFE_INTEGER],
  ])('takes whole numbers for %s from %i to %i', (name, least, most) => {
    expect(accepts(name, String(least))).toBe(true);
    expect(accepts(name, String(most))).toBe(true);
    expect(accepts(name, String(least - 1))).toBe(false);
    if (most < Number.MAX_SAFE_INTEGER) expect(accepts(name, String(most + 1))).toBe(false);
    expect(accepts(name, '1.5')).toBe(false);
    expect(accepts(name, 'many')).toBe(false);
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const)(
    'takes the log level %s',
    (level) => {
      expect(readEnv({ LOG_LEVEL: level }).logLevel).toBe(level);
    },
  );

  it.each(['json', 'pretty'] as const)('takes the log format %s', (format) => {
    expect(readEnv({ LOG_FORMAT: format }).logFormat).toBe(format);
  });

  it('refuses a log level or format pino has not got', () => {
    expect(accepts('LOG_LEVEL', 'verbose')).toBe(false);
    expect(accepts('LOG_FORMAT', 'text')).toBe(false);
  });

  it('names each bad variable on a line of its own, with what is wrong with it', () => {
    const problem = (name: 'API_TIMEOUT_MS' | 'LOG_LEVEL', value: string) =>
      Env.shape[name].safeParse(value).error?.issues[0]?.message;
    const timeout = problem('API_TIMEOUT_MS', '0');
    const level = problem('LOG_LEVEL', 'verbose');
    expect(timeout).toMatch(/\S/);
    expect(level).toMatch(/\S/);
    expect(() => readEnv({ API_TIMEOUT_MS: '0', LOG_LEVEL: 'verbose' })).toThrow(
      new EnvironmentError(
        `Invalid environment:\n  API_TIMEOUT_MS: ${timeout}\n  LOG_LEVEL: ${level}`,
      ),
    );
  });

  it('trims the trailing slashes of API_URL, and keeps its path', () => {
    expect(readEnv({ API_URL: 'http://api:3001///' }).apiUrl).toBe('http://api:3001');
    expect(readEnv({ API_URL: 'http://api/v2/' }).apiUrl).toBe('http://api/v2');
  });

  it('gives the configuration the variables set', () => {
    expect(
      readEnv({
        API_URL: 'https://api.example:8443/',
        API_DOCS_URL: 'https://docs.example/api/',
        API_TIMEOUT_MS: '1500',
        RATE_LIMIT_MAX: '7',
        RATE_LIMIT_WINDOW_S: '30',
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'pretty',
      }),
    ).toEqual({
      apiUrl: 'https://api.example:8443',
      apiDocsUrl: 'https://docs.example/api/',
      apiTimeoutMs: 1500,
      logLevel: 'debug',
      logFormat: 'pretty',
      rateLimit: { max: 7, windowS: 30 },
    });
  });

  it('gives the defaults when nothing is set', () => {
    expect(readEnv({})).toEqual({
      apiUrl: 'http://localhost:3001',
      apiDocsUrl: 'http://localhost:3001/docs',
      apiTimeoutMs: 40_000,
      logLevel: 'info',
      logFormat: 'json',
      rateLimit: { max: 120, windowS: 60 },
    });
  });
});
