import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pendingBumps } from './changesets.js';
import type { Document } from './classify.js';
import { checkContract, report } from './gate.js';

// `pnpm contract:check [repository]`: the released contract against the current one and the
// pending changesets, in this repository unless another one's root is given.
const root = `${process.argv[2] ?? fileURLToPath(new URL('../../../', import.meta.url))}/`;
const files = {
  baseline: 'packages/openapi/openapi.released.json',
  current: 'packages/openapi/openapi.json',
};
const read = (path: string): unknown => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
const { version } = read('packages/contracts/package.json') as { version: string };
const result = checkContract({
  baseline: read(files.baseline) as Document,
  current: read(files.current) as Document,
  version,
  bumps: pendingBumps(`${root}.changeset`),
  today: new Date().toISOString().slice(0, 10),
});
console.log(report(result, files));
process.exitCode = result.failures.length === 0 ? 0 : 1;
