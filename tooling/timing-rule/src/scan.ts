import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { findTimingLowerBounds, type Offence } from './detect.js';

/** Folders that hold no test of ours: installed packages, build output, reports, caches. */
const SKIPPED = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  '.git',
  '.next',
  '.turbo',
  '.data',
  'test-results',
  'playwright-report',
]);

/** A test file by its name: *.test.ts, *.spec.tsx, *.e2e-spec.ts, … */
const TEST_FILE = /\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$/;
/** Any script in a folder of tests or test helpers (e2e/, test/, testing/, …). */
const TEST_FOLDER = /^(e2e|test|tests|testing|__tests__)$/;
const SCRIPT = /(?<!\.d)\.[cm]?[jt]sx?$/;

/**
 * The test files and test helpers under `root`, as paths relative to it with `/` separators,
 * sorted: files named *.test.*, *.spec.* or *.e2e-spec.*, and every script inside a folder named
 * e2e, test, tests, testing or __tests__. node_modules, build output and reports are skipped.
 */
export function testFilesUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, inTestFolder: boolean) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) {
          walk(join(folder, entry.name), inTestFolder || TEST_FOLDER.test(entry.name));
        }
      } else if (
        entry.isFile() &&
        (TEST_FILE.test(entry.name) || (inTestFolder && SCRIPT.test(entry.name)))
      ) {
        found.push(relative(root, join(folder, entry.name)).split(sep).join('/'));
      }
    }
  };
  walk(root, false);
  return found.sort();
}

/** Every assertion of a lower bound on elapsed real time in the test files under `root`. */
export function scanForTimingLowerBounds(root: string): { files: string[]; offences: Offence[] } {
  const files = testFilesUnder(root);
  const offences = files.flatMap((file) =>
    findTimingLowerBounds(readFileSync(join(root, file), 'utf8'), file),
  );
  return { files, offences };
}
