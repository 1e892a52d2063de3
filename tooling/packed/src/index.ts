import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
/** Bounded: without the registry (or its certificates: NODE_EXTRA_CA_CERTS), fail, not hang. */
const TIMEOUT_MS = 120_000;

/** Workspace packages installed as a team installs them, in a directory of their own. */
export interface PackedInstall {
  readonly dir: string;
  /** Runs an ES module in the directory; its standard output. */
  run(source: string): string;
  remove(): void;
}

/**
 * The environment a person runs commands in: not the npm_* settings of the pnpm script running
 * the test (npm_config_local_prefix would make npm install into the package being tested).
 */
function personEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
  );
}

/**
 * Packs each workspace package (directories relative to the repository's root) with the
 * repository's pnpm, which writes workspace: ranges as versions and adds the repository's
 * LICENSE, then installs the tarballs with npm together with `extra` packages from the registry.
 */
export function installPacked(
  packageDirs: readonly string[],
  extra: readonly string[] = [],
): PackedInstall {
  const env = personEnv();
  const dir = mkdtempSync(join(tmpdir(), 'textpulse-packed-'));
  try {
    const pnpm = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
      .packageManager as string;
    for (const packageDir of packageDirs) {
      execFileSync('npx', ['-y', pnpm, 'pack', '--pack-destination', dir], {
        cwd: join(repo, packageDir),
        env,
        stdio: 'ignore',
        timeout: TIMEOUT_MS,
      });
    }
    const tarballs = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
    if (tarballs.length !== packageDirs.length) {
      throw new Error(
        `expected ${packageDirs.length} tarballs in ${dir}, found ${tarballs.join(', ')}`,
      );
    }
    writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--silent',
        ...tarballs.map((name) => `./${name}`),
        ...extra,
      ],
      { cwd: dir, env, stdio: 'ignore', timeout: TIMEOUT_MS },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    run: (source) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', source], {
        cwd: dir,
        env,
        encoding: 'utf8',
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
