import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time a process and its descendants (`next start` may serve from a child) have used so far,
 * in ms: Linux /proc, user + system, in clock ticks of 10 ms.
 */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const own = (Number(fields[11]) + Number(fields[12])) * 10;
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
  );
  return children.reduce((sum, child) => sum + cpuMsOf(Number(child)), own);
}
