import { readdirSync, readFileSync } from 'node:fs';

/** The processes `pid` started (Linux /proc): the embedded database of the API, say. */
export function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number),
  );
}

/**
 * CPU time a process and its descendants (`next start` may serve from a child) have used so far,
 * in ms: Linux /proc, user + system, in clock ticks of 10 ms.
 */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const own = (Number(fields[11]) + Number(fields[12])) * 10;
  return childrenOf(pid).reduce((sum, child) => sum + cpuMsOf(child), own);
}

/** A process's resident memory now, in MiB (VmRSS of Linux /proc). */
export function residentMiBOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? Number.NaN) / 1024;
}
