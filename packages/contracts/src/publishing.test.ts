import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPacked } from '@textpulse/packed';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const here = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const temporary: string[] = [];
const temporaryDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `textpulse-${name}-`));
  temporary.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('releasing with changesets', () => {
  it('bumps the contracts and the client that depends on them, with CHANGELOGs (a dry run in a copy)', () => {
    const dir = temporaryDir('release');
    const files = ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json'];
    for (const dir of workspacePackageDirs()) files.push(join(dir, 'package.json'));
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(repo, file), join(dir, file));
    }
    writeFileSync(
      join(dir, '.changeset/region.md'),
      '---\n"@textpulse/contracts": minor\n---\n\nThe health answer names the region.\n',
    );
    const changeset = join(repo, 'node_modules/@changesets/cli/bin.js');
    execFileSync(process.execPath, [changeset, 'version'], { cwd: dir, stdio: 'ignore' });

    const version = (path: string) => readJson(join(dir, path, 'package.json')).version;
    const changelog = (path: string) => readFileSync(join(dir, path, 'CHANGELOG.md'), 'utf8');
    const before = readJson(join(here, 'package.json')).version as string;
    const [major, minor] = before.split('.').map(Number);
    expect(version('packages/contracts')).toBe(`${major}.${(minor ?? 0) + 1}.0`);
    expect(changelog('packages/contracts')).toContain('- The health answer names the region.');
    const client = readJson(join(repo, 'packages/api-client/package.json')).version as string;
    const [clientMajor, clientMinor, clientPatch] = client.split('.').map(Number);
    expect(version('packages/api-client')).toBe(
      `${clientMajor}.${clientMinor}.${(clientPatch ?? 0) + 1}`,
    );
    expect(changelog('packages/api-client')).toContain(
      `@textpulse/contracts@${version('packages/contracts')}`,
    );
    // The apps are private: never versioned or published.
    expect(version('apps/api')).toBe(readJson(join(repo, 'apps/api/package.json')).version);
  });
});

describe('zod, a peer dependency', () => {
  const range = readJson(join(here, 'package.json')).peerDependencies.zod as string;

  it('is declared as a caret range, not installed with the package', () => {
    expect(range).toMatch(/^\^4\.\d+\.\d+$/);
    expect(readJson(join(here, 'package.json')).dependencies?.zod).toBeUndefined();
  });

  it('at the lowest version of that range, the packed package validates, with its licence', () => {
    const lowest = range.slice(1);
    const installed = installPacked(['packages/contracts'], [`zod@${lowest}`]);
    temporary.push(installed.dir);
    const check = `
      import { readFileSync } from 'node:fs';
      import { AnalyzeRequest, problemFromZodError } from '@textpulse/contracts';
      const zod = JSON.parse(readFileSync('node_modules/zod/package.json', 'utf8')).version;
      const license = readFileSync('node_modules/@textpulse/contracts/LICENSE', 'utf8');
      const parsed = AnalyzeRequest.safeParse({ text: 'short', colour: 'red' });
      console.log(JSON.stringify({
        zod,
        license: license.split('\\n')[0],
        problem: parsed.success ? undefined : problemFromZodError(parsed.error, { instance: '/v1/analyze' }),
      }));`;
    const result = JSON.parse(installed.run(check));
    expect(result.zod).toBe(lowest);
    // pnpm packs the repository's LICENSE into a package that has none of its own.
    expect(result.license).toBe('MIT License');
    expect(result.problem).toMatchObject({
      status: 422,
      errors: expect.arrayContaining([expect.objectContaining({ path: '/colour' })]),
    });
  }, 180_000);
});

/** The workspace's package directories, relative to the root, as pnpm-workspace.yaml lists them. */
function workspacePackageDirs(): string[] {
  const workspace = readFileSync(join(repo, 'pnpm-workspace.yaml'), 'utf8');
  const list = /^packages:\n((?: {2}- \S+\n)+)/m.exec(workspace)?.[1] ?? '';
  const globs = [...list.matchAll(/^ {2}- (\S+)$/gm)];
  return globs.flatMap(([, glob = '']) =>
    glob.endsWith('/*')
      ? readdirSync(join(repo, glob.slice(0, -2)))
          .map((name) => join(glob.slice(0, -2), name))
          .filter((dir) => existsSync(join(repo, dir, 'package.json')))
      : [glob],
  );
}
