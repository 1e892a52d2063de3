import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const app = fileURLToPath(new URL('../..', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'textpulse-migrations-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const sqlFiles = (dir: string) => readdirSync(dir).filter((file) => file.endsWith('.sql'));

describe('the committed migrations', () => {
  it('match src/storage/schema.ts (run `pnpm --filter @textpulse/api db:generate` after a change)', () => {
    cpSync(join(app, 'drizzle'), copy, { recursive: true });
    // drizzle-kit takes --out relative to the working directory.
    const out = relative(app, copy);
    const printed = execFileSync(
      join(app, 'node_modules/.bin/drizzle-kit'),
      ['generate', '--dialect', 'postgresql', '--schema', 'src/storage/schema.ts', '--out', out],
      { cwd: app, encoding: 'utf8', stdio: 'pipe' },
    );
    expect(printed).toContain('No schema changes, nothing to migrate');
    expect(sqlFiles(copy)).toEqual(sqlFiles(join(app, 'drizzle')));
  });
});
