import { readFileSync } from 'node:fs';
import { repositoryPath } from '@textpulse/vitest-config';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, Env, readEnv } from './env';

describe('the environment variables', () => {
  it('are each passed through to the tasks that run the web app (Turborepo strict env mode)', () => {
    const turbo = JSON.parse(readFileSync(new URL('../turbo.json', import.meta.url), 'utf8')) as {
      tasks: Record<string, { passThroughEnv?: string[] }>;
    };
    for (const task of ['dev', 'start']) {
      expect(turbo.tasks[task]?.passThroughEnv, task).toEqual(
        expect.arrayContaining(ENV_VARIABLES),
      );
    }
    expect(ENV_VARIABLES).toContain('API_URL');
  });

  it('are each listed, with its default, in .env.example, and nothing else is', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const listed = [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...ENV_VARIABLES].sort());
  });

  /**
   * The defaults the docs show: .env.example's `# NAME=value` lines and the web rows of
   * docs/DEPLOY.md's table (its first `code` in the Default column, or "none"), but for the two
   * variables Next's own server reads.
   */
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
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
