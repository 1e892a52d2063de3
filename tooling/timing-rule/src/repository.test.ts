import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatOffence } from './detect.js';
import { scanForTimingLowerBounds } from './scan.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe("the repository's tests", () => {
  const { files, offences } = scanForTimingLowerBounds(root);

  it('are all scanned, in every workspace', () => {
    // A scan that finds nothing to read would pass whatever the tests say.
    expect(files.length).toBeGreaterThan(50);
    expect(files).toEqual(
      expect.arrayContaining([
        'apps/api/test/prompt.e2e-spec.ts',
        'apps/web/app/prompt/_components/prompt-form.test.tsx',
        'packages/analysis/src/entities.test.ts',
        expect.stringMatching(/^apps\/web\/e2e\/.+\.ts$/),
        expect.stringMatching(/^tooling\/.+\.test\.ts$/),
      ]),
    );
    expect(files.filter((file) => file.includes('node_modules/'))).toEqual([]);
  });

  it('assert no lower bound on elapsed real time (CI is a loaded 2-core machine)', () => {
    expect(
      offences.map(formatOffence),
      'Assert on events, log lines or fake timers instead: what ended a request shows in its ' +
        "attempts' errors, the problem's type, the fake model server's abandoned()/received(). " +
        'An upper bound may stay only as a hang guard, 10× the expected time or more.',
    ).toEqual([]);
  });
});
