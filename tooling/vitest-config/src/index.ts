import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configDefaults, defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Bounds only a hang reaches, for every test and hook of the repository: CI shares two cores
 * between several suites, so a test that takes 1 s alone can take 20 s there. A hook may start a
 * server, which `@textpulse/processes` waits for up to 5 minutes.
 */
export const HANG_GUARDS = { testTimeout: 120_000, hookTimeout: 360_000 } as const;

/**
 * How long `expect.poll` waits for its condition: a bound only a hang reaches, instead of
 * vitest's default second, which a busy machine can outlast.
 */
export const POLL_HANG_GUARD = { timeout: 60_000 } as const;

/**
 * Test files a `pnpm mutation` run leaves out (a JSON array of globs, set by
 * @textpulse/mutation's defineMutationConfig with each one's reason): tests too slow to rerun for
 * every mutant, such as packing and installing a package.
 */
export const MUTATION_SKIPPED_TESTS = 'TEXTPULSE_MUTATION_SKIPPED_TESTS';

const skippedUnderMutation = (): string[] =>
  JSON.parse(process.env[MUTATION_SKIPPED_TESTS] ?? '[]') as string[];

/** A package's vitest configuration over the shared settings: the hang guards, and in CI a focused test (`.only`) fails the run instead of skipping the others. */
export function defineTestConfig(config: ViteUserConfig): ViteUserConfig {
  return mergeConfig(
    defineConfig({
      test: {
        ...HANG_GUARDS,
        expect: { poll: POLL_HANG_GUARD },
        allowOnly: !process.env.CI,
        exclude: [...configDefaults.exclude, ...skippedUnderMutation()],
      },
    }),
    config,
  );
}

/**
 * A path inside the repository, from its root: found by walking up from the working directory to
 * `pnpm-workspace.yaml`, so it resolves the same inside a StrykerJS sandbox, which copies only the
 * package under test.
 */
export function repositoryPath(...segments: string[]): string {
  let directory = process.cwd();
  while (!existsSync(join(directory, 'pnpm-workspace.yaml'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`No pnpm-workspace.yaml above ${process.cwd()}`);
    directory = parent;
  }
  return join(directory, ...segments);
}
