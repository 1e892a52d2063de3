import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../..', import.meta.url));
/** Set in the copy's run, whose own generator test would otherwise copy the copy, forever. */
const nested = process.env.TEXTPULSE_GENERATOR_TEST === 'nested';
let copy = '';

/**
 * The environment of the copy's commands: none of the outer Turborepo run's variables. Its
 * servers take ports of their own, as every test server does, beside the outer run's.
 */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TURBO_'))),
  TEXTPULSE_GENERATOR_TEST: 'nested',
};

/** Runs pnpm in the copy; a failure throws with the end of what the command printed. */
function pnpm(...args: string[]): string {
  try {
    return execFileSync('npx', ['-y', 'pnpm@12.21.0', ...args], {
      cwd: copy,
      env,
      encoding: 'utf8',
      stdio: 'pipe',
      maxBuffer: 256 * 2 ** 20,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const output = `${stdout}\n${stderr}`;
    // The failing tasks' own lines, wherever they are in the interleaved output, then the end.
    const failed = [...output.matchAll(/^Failed: +(\S+)/gm)].map((match) => match[1] ?? '');
    const ofFailed = output
      .split('\n')
      .filter((line) => failed.some((task) => line.startsWith(`${task.replace('#', ':')}:`)));
    throw new Error(
      `pnpm ${args.join(' ')} failed (${failed.join(', ') || 'see below'}):\n${ofFailed.slice(-150).join('\n')}\n…\n${output.slice(-3000)}`,
    );
  }
}

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe.skipIf(nested)('turbo gen endpoint', () => {
  it("scaffolds an operation with which the README's test command passes", () => {
    copy = mkdtempSync(join(tmpdir(), 'textpulse-gen-'));
    // The files git would commit, as they are in the working tree.
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
      cwd: repository,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file && existsSync(join(repository, file)));
    for (const file of files) cpSync(join(repository, file), join(copy, file), { recursive: true });
    pnpm('install', '--frozen-lockfile');
    const before = new Map(files.map((file) => [file, readFileSync(join(copy, file))]));

    pnpm(
      'turbo',
      'gen',
      'endpoint',
      '--args',
      'char-count',
      'post',
      "count a text's characters",
      'true',
    );

    for (const file of [
      'packages/contracts/src/char-count.ts',
      'apps/api/src/char-count/char-count.controller.ts',
      'apps/api/test/char-count.e2e-spec.ts',
      'apps/web/app/api/char-count/route.ts',
      '.changeset/char-count.md',
    ]) {
      expect(existsSync(join(copy, file)), file).toBe(true);
    }
    // One registry edited by hand; the rest of the changed files are generated.
    const changed = [...before]
      .filter(([file, bytes]) => !readFileSync(join(copy, file)).equals(bytes))
      .map(([file]) => file)
      .sort();
    expect(changed).toEqual([
      'apps/api/src/feature-modules.gen.ts',
      'packages/api-client/src/schema.gen.ts',
      'packages/contracts/src/endpoints.ts',
      'packages/openapi/openapi.json',
    ]);
    const document = JSON.parse(readFileSync(join(copy, 'packages/openapi/openapi.json'), 'utf8'));
    expect(document.paths['/v1/char-count'].post.operationId).toBe('charCount');
    expect(readFileSync(join(copy, 'packages/api-client/src/schema.gen.ts'), 'utf8')).toContain(
      '"/v1/char-count"',
    );

    // The README's test command: lint, typecheck, unit, API e2e and browser e2e, everything.
    const checks = pnpm('test');
    expect(checks).toMatch(/Tasks: +(\d+) successful, \1 total/);
    // The route↔document parity test, the new operation's own e2e test and the browser tests ran.
    expect(checks).toMatch(/test\/docs\.e2e-spec\.ts/);
    expect(checks).toMatch(/test\/char-count\.e2e-spec\.ts/);
    expect(checks).toMatch(/@textpulse\/web:test:e2e: +\d+ passed/);
    // The breaking-change gate saw an addition, and the generated changeset bumps enough for it.
    expect(checks).toMatch(/non-breaking +operation +added \/v1\/char-count\/post/);
    expect(checks).toContain('contract:check passed.');
  });
});
