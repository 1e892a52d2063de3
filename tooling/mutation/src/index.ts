import { createRequire } from 'node:module';
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';
import { MUTATION_SKIPPED_TESTS } from '@textpulse/vitest-config';

const require = createRequire(import.meta.url);

/** What a library package mutates unless it says otherwise: its sources, not its tests or root. */
export const PACKAGE_SOURCES = {
  mutate: ['src/**/*.ts'],
  excluded: {
    'src/**/*.test.ts': 'the tests themselves',
    'src/index.ts': 're-exports only',
  },
} as const satisfies Pick<MutationTarget, 'mutate' | 'excluded'>;

export interface MutationTarget {
  /** The files whose mutants count (globs, relative to the package); `PACKAGE_SOURCES` by default. */
  mutate?: readonly string[];
  /** Files inside `mutate` left out, each glob with the reason it is; `PACKAGE_SOURCES` by default. */
  excluded?: Readonly<Record<string, string>>;
  /** The least mutation score, in percent, the run accepts: below it, `pnpm mutation` fails. */
  target: number;
  /**
   * Test files not run for mutants, each glob with its reason: tests too slow to rerun for every
   * mutant (packing a package, a whole app's start-up), whose behaviour other tests cover.
   */
  skippedTests?: Record<string, string>;
}

/**
 * A package's StrykerJS configuration: its own vitest suite kills the mutants (only the tests
 * that cover each one run), mutants the compiler rejects are not counted, and the clear-text
 * report prints, per file and in all, the mutants killed, survived, without coverage and timed out.
 */
export function defineMutationConfig({
  mutate = PACKAGE_SOURCES.mutate,
  excluded = mutate === PACKAGE_SOURCES.mutate ? PACKAGE_SOURCES.excluded : {},
  target,
  skippedTests = {},
}: MutationTarget): PartialStrykerOptions {
  // Read by @textpulse/vitest-config's defineTestConfig in Stryker's test runners, which inherit
  // this process's environment.
  process.env[MUTATION_SKIPPED_TESTS] = JSON.stringify(Object.keys(skippedTests));
  return {
    // Absolute paths: under pnpm, Stryker cannot find plugins that are not its own dependencies.
    plugins: [
      require.resolve('@stryker-mutator/vitest-runner'),
      require.resolve('@stryker-mutator/typescript-checker'),
    ],
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.config.ts' },
    checkers: ['typescript'],
    tsconfigFile: 'tsconfig.json',
    coverageAnalysis: 'perTest',
    mutate: [...mutate, ...Object.keys(excluded).map((glob) => `!${glob}`)],
    // Mutants in module-level code run once per import: too costly for what they find.
    ignoreStatic: true,
    thresholds: { high: Math.min(100, target + 5), low: target, break: target },
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    concurrency: 2,
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
  };
}
