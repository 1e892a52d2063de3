/** A V8 CPU profile, as the inspector's Profiler.stop or `node --cpu-prof` writes it. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Named parts of a program: a part's frames are those whose script URL its pattern matches. */
export type ProfileGroups = readonly (readonly [part: string, url: RegExp])[];

export const GARBAGE_COLLECTION = 'garbage collection';

/**
 * Each part's share of the CPU time a profile sampled, idle left out: a sample belongs to the
 * nearest frame of a named part up its stack (so a library's work counts for the part that is
 * its nearest caller only when no part of its own is named), to garbage collection, or else to
 * `ungrouped`. Shares add up to 1.
 */
export function profileShares(
  profile: CpuProfile,
  groups: ProfileGroups,
  ungrouped: string,
): Map<string, number> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node.id);
  }
  const partOf = (id: number): string | undefined => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)?.callFrame;
      if (!frame) break;
      if (frame.functionName === '(garbage collector)') return GARBAGE_COLLECTION;
      if (frame.functionName === '(idle)') return undefined;
      const found = groups.find(([, url]) => url.test(frame.url));
      if (found) return found[0];
    }
    return ungrouped;
  };
  const time = new Map<string, number>();
  profile.samples?.forEach((sample, index) => {
    const part = partOf(sample);
    if (part !== undefined)
      time.set(part, (time.get(part) ?? 0) + (profile.timeDeltas?.[index] ?? 0));
  });
  const sampled = [...time.values()].reduce((sum, value) => sum + value, 0);
  return new Map([...time].map(([part, value]) => [part, sampled > 0 ? value / sampled : 0]));
}

/** One part of two profiled programs side by side, in µs of CPU per request. */
export interface ProfiledPart {
  part: string;
  us: number;
  baselineUs: number;
}

/**
 * A program's parts beside a baseline's, each part's share of the profile times the CPU each
 * spent per request (measured apart from the profile), the costliest part of the program first.
 */
export function partsBeside(
  program: { shares: Map<string, number>; cpuUsPerRequest: number },
  baseline: { shares: Map<string, number>; cpuUsPerRequest: number },
): ProfiledPart[] {
  const parts = new Set([...program.shares.keys(), ...baseline.shares.keys()]);
  return [...parts]
    .map((part) => ({
      part,
      us: (program.shares.get(part) ?? 0) * program.cpuUsPerRequest,
      baselineUs: (baseline.shares.get(part) ?? 0) * baseline.cpuUsPerRequest,
    }))
    .sort((a, b) => b.us - a.us || b.baselineUs - a.baselineUs);
}
