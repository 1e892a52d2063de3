import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * A copy of the contracts and api-client packages (their own files; node_modules linked) in a
 * temporary directory, so the test can edit a contract file without touching the repository.
 */
function copyPackages(): string {
  const dir = mkdtempSync(join(tmpdir(), 'textpulse-dev-loop-'));
  cpSync(join(repo, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
  for (const name of ['contracts', 'api-client']) {
    const from = join(repo, 'packages', name);
    const to = join(dir, 'packages', name);
    cpSync(from, to, {
      recursive: true,
      filter: (path) => !/[/\\](node_modules|dist)$/.test(path),
    });
    symlinkSync(join(from, 'node_modules'), join(to, 'node_modules'));
  }
  return dir;
}

/** Polls until `read()` holds `text`; only a watcher that never reruns exhausts the bound. */
async function untilContains(read: () => string, text: string): Promise<void> {
  for (let waited = 0; !read().includes(text); waited += 100) {
    if (waited > 60_000) throw new Error(`never written: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A package's `dev:generate` script (a tsx watcher), as `pnpm dev` runs it; resolves once it has
 * written its output the first time.
 */
async function devGenerate(dir: string, name: string): Promise<ChildProcess> {
  const cwd = join(dir, 'packages', name);
  const script = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).scripts[
    'dev:generate'
  ] as string;
  const [, ...args] = script.split(' ');
  const watcher = spawn(join(cwd, 'node_modules/.bin/tsx'), args, {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  watcher.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  await untilContains(() => output, 'wrote ');
  return watcher;
}

describe('pnpm dev: the contract loop', () => {
  const dir = copyPackages();
  const contract = join(dir, 'packages/contracts/src/health.ts');
  const document = () => readFileSync(join(dir, 'packages/contracts/openapi.json'), 'utf8');
  const types = () => readFileSync(join(dir, 'packages/api-client/src/schema.gen.ts'), 'utf8');
  const watchers: ChildProcess[] = [];

  beforeAll(async () => {
    // Each watcher writes its output once at start: the edit must meet both running.
    watchers.push(await devGenerate(dir, 'contracts'));
    watchers.push(await devGenerate(dir, 'api-client'));
  });
  afterAll(async () => {
    await Promise.all(
      watchers.map(async (watcher) => {
        if (watcher.exitCode !== null || watcher.signalCode !== null) return;
        const exited = once(watcher, 'exit');
        watcher.kill('SIGTERM');
        await exited;
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('regenerates openapi.json and the client types when a contract file changes', async () => {
    expect(document()).not.toContain('"region"');
    const source = readFileSync(contract, 'utf8');
    const field = '    database: DatabaseHealth,\n';
    expect(source).toContain(field);
    writeFileSync(contract, source.replace(field, `${field}    region: z.string().optional(),\n`));

    await untilContains(document, '"region"');
    await untilContains(types, 'region?: string;');
  });
});
