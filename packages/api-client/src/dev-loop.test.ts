import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * A copy of the packages of the contract loop (their own files) in a temporary directory, so the
 * test can edit a contract file without touching the repository. Their dependencies are the
 * repository's, but a workspace package among them is the copy's, where there is one.
 */
function copyPackages(): string {
  const dir = mkdtempSync(join(tmpdir(), 'textpulse-dev-loop-'));
  cpSync(join(repo, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
  const copied = ['contracts', 'openapi', 'api-client'];
  for (const name of copied) {
    const from = join(repo, 'packages', name);
    const to = join(dir, 'packages', name);
    cpSync(from, to, {
      recursive: true,
      filter: (path) => !/[/\\](node_modules|dist)$/.test(path),
    });
    mkdirSync(join(to, 'node_modules/@textpulse'), { recursive: true });
    for (const entry of readdirSync(join(from, 'node_modules'))) {
      if (entry !== '@textpulse') {
        symlinkSync(join(from, 'node_modules', entry), join(to, 'node_modules', entry));
      }
    }
    for (const workspace of readdirSync(join(from, 'node_modules/@textpulse'))) {
      const target = copied.includes(workspace)
        ? join(dir, 'packages', workspace)
        : realpathSync(join(from, 'node_modules/@textpulse', workspace));
      symlinkSync(target, join(to, 'node_modules/@textpulse', workspace));
    }
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
 * A package's script as `pnpm dev` runs it (`dev`: tsc --watch; `dev:generate`: a tsx watcher);
 * resolves once it has written its output the first time, which it says with `ready`.
 */
async function watch(dir: string, name: string, script: string, ready: string) {
  const cwd = join(dir, 'packages', name);
  const command = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).scripts[
    script
  ] as string;
  const [bin = '', ...args] = command.split(' ');
  const watcher = spawn(join(cwd, 'node_modules/.bin', bin), args, {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  watcher.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  await untilContains(() => output, ready);
  return watcher;
}

describe('pnpm dev: the contract loop', () => {
  const dir = copyPackages();
  const contract = join(dir, 'packages/contracts/src/health.ts');
  const document = () => readFileSync(join(dir, 'packages/openapi/openapi.json'), 'utf8');
  const types = () => readFileSync(join(dir, 'packages/api-client/src/schema.gen.ts'), 'utf8');
  const watchers: ChildProcess[] = [];

  beforeAll(async () => {
    // Each watcher writes its output once at start: the edit must meet all three running.
    watchers.push(await watch(dir, 'contracts', 'dev', 'Watching for file changes'));
    watchers.push(await watch(dir, 'openapi', 'dev:generate', 'wrote '));
    watchers.push(await watch(dir, 'api-client', 'dev:generate', 'wrote '));
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
