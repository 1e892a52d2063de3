import { createRequire } from 'node:module';
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';

const require = createRequire(import.meta.url);

export interface MutationTarget {
  /** The files whose mutants count (globs, relative to the package). */
  mutate: string[];
  /** Files inside `mutate` left out, each glob with the reason it is. */
  excluded?: Record<string, string>;
  /** The least mutation score, in percent, the run accepts: below it, `pnpm mutation` fails. */
  target: number;
}

/**
 * A package's StrykerJS configuration: its own vitest suite kills the mutants (only the tests
 * that cover each one run), mutants the compiler rejects are not counted, and the clear-text
 * report prints, per file and in all, the mutants killed, survived, without coverage and timed out.
 */
export function defineMutationConfig({
  mutate,
  excluded = {},
  target,
}: MutationTarget): PartialStrykerOptions {
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
