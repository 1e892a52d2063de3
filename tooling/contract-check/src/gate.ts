import { type Bump, type Bumps, covers, FOLLOW_THE_CONTRACT } from './changesets.js';
import { type Change, classify, type Difference, type Document } from './classify.js';

const BUMP_OF: Record<Change, Bump> = {
  breaking: 'major',
  'non-breaking': 'minor',
  documentation: 'patch',
};

export interface GateInput {
  /** The released document (openapi.released.json) and the current one (openapi.json). */
  readonly baseline: Document;
  readonly current: Document;
  /** The version of @textpulse/contracts in its package.json. */
  readonly version: string;
  /** What the pending changesets bump. */
  readonly bumps: Bumps;
  /** Today, as an ISO date (YYYY-MM-DD): a sunset is compared with it. */
  readonly today: string;
}

export interface GateResult {
  readonly differences: readonly Difference[];
  /** The smallest bump the differences need; undefined when there are none. */
  readonly needed: Bump | undefined;
  /** Why the gate refuses; empty when it lets the change through. */
  readonly failures: readonly string[];
}

/**
 * The breaking-change gate: the pending changesets must bump the packages that follow the
 * contract by at least what the differences between the
 * released document and the current one need, and no deprecated operation may go before its sunset.
 */
export function checkContract(input: GateInput): GateResult {
  const failures: string[] = [];
  const released = (input.baseline.info as { version?: unknown } | undefined)?.version;
  if (released !== input.version) {
    failures.push(
      `The baseline is the document of ${String(released)}, but @textpulse/contracts is at ${input.version}: the version step (pnpm version-packages) moves them together.`,
    );
  }
  const differences = classify(input.baseline, input.current, { today: input.today });
  const needed = differences.reduce<Bump | undefined>((bump, { change }) => {
    const next = BUMP_OF[change];
    return covers(bump, next) ? bump : next;
  }, undefined);
  for (const name of FOLLOW_THE_CONTRACT) {
    const given = input.bumps[name];
    if (!covers(given, needed)) {
      failures.push(
        `${name} needs a ${needed} changeset for these differences; the pending changesets give it ${given ?? 'none'}.`,
      );
    }
  }
  for (const { beforeSunset, operations } of differences) {
    if (beforeSunset !== undefined) {
      failures.push(
        `${operations.join(', ')} is removed before its sunset (${beforeSunset}): keep it until then, whatever the version.`,
      );
    }
  }
  return { differences, needed, failures };
}

/** The gate's report: each difference with its class, side and pointers, then the verdict. */
export function report(result: GateResult, files: { baseline: string; current: string }): string {
  const lines = result.differences.map((difference) =>
    [
      `${difference.change.padEnd(12)} ${difference.side.padEnd(9)} ${difference.reason}`,
      ...(difference.operations.length > 0 ? [`  in ${difference.operations.join(', ')}`] : []),
      `  released: ${files.baseline}#${difference.baseline}`,
      `  current:  ${files.current}#${difference.current}`,
    ].join('\n'),
  );
  const summary =
    result.differences.length === 0
      ? 'The contract is the released one: no changeset needed.'
      : result.differences.length === 1
        ? `1 difference from the released contract, which needs a ${result.needed} bump.`
        : `${result.differences.length} differences from the released contract, which need a ${result.needed} bump.`;
  const verdict =
    result.failures.length === 0
      ? 'contract:check passed.'
      : ['contract:check failed:', ...result.failures.map((failure) => `- ${failure}`)].join('\n');
  return [...lines, summary, verdict].join('\n');
}
