import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../..', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'textpulse-gen-'));

/** The environment of the copy's commands: none of the outer Turborepo run's variables. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('TURBO_')),
);

/** Runs pnpm in the copy; a failure throws with the end of what the command printed. */
function pnpm(...args: string[]): string {
  try {
    return execFileSync('npx', ['-y', 'pnpm@12.21.0', ...args], {
      cwd: copy,
      env,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`pnpm ${args.join(' ')} failed:\n${`${stdout}\n${stderr}`.slice(-4000)}`);
  }
}

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('pnpm gen endpoint', () => {
  it('scaffolds an operation that passes lint, typecheck and the tests of every package it touches', () => {
    // The files git would commit, as they are in the working tree.
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
      cwd: repository,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file && existsSync(join(repository, file)));
    for (const file of files) cpSync(join(repository, file), join(copy, file), { recursive: true });
    pnpm('install', '--frozen-lockfile');

    pnpm('gen', 'endpoint', '--args', 'char-count', 'post', "count a text's characters", 'true');

    for (const file of [
      'packages/contracts/src/char-count.ts',
      'apps/api/src/char-count/char-count.controller.ts',
      'apps/api/test/char-count.e2e-spec.ts',
      'apps/web/app/api/char-count/route.ts',
    ]) {
      expect(existsSync(join(copy, file)), file).toBe(true);
    }
    const document = JSON.parse(
      readFileSync(join(copy, 'packages/contracts/openapi.json'), 'utf8'),
    );
    expect(document.paths['/v1/char-count'].post.operationId).toBe('charCount');
    expect(readFileSync(join(copy, 'packages/api-client/src/schema.gen.ts'), 'utf8')).toContain(
      '"/v1/char-count"',
    );

    const checks = pnpm(
      'exec',
      'turbo',
      'run',
      'lint',
      'typecheck',
      'test',
      '--filter=@textpulse/contracts',
      '--filter=@textpulse/api-client',
      '--filter=@textpulse/api',
      '--filter=@textpulse/web',
    );
    expect(checks).toMatch(/Tasks: +(\d+) successful, \1 total/);
    // The route↔document parity test and the new operation's own e2e test ran and passed.
    expect(checks).toMatch(/test\/docs\.e2e-spec\.ts/);
    expect(checks).toMatch(/test\/char-count\.e2e-spec\.ts/);
  });
});
