import { configDefaults, defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Bounds only a hang reaches, for every test and hook of the repository: CI shares two cores
 * between several suites, so a test that takes 1 s alone can take 20 s there. A hook may start a
 * server, which `@textpulse/processes` waits for up to 5 minutes.
 */
export const HANG_GUARDS = { testTimeout: 120_000, hookTimeout: 360_000 } as const;

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
        allowOnly: !process.env.CI,
        exclude: [...configDefaults.exclude, ...skippedUnderMutation()],
      },
    }),
    config,
  );
}
