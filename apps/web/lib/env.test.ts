import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from './env';

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
});
