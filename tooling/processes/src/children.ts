import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';

/** Every child process started and still running: none outlives the benchmark. */
const live = new Set<ChildProcess>();
/** Synchronous clean-ups of what is not a child process (a daemonized database server). */
const cleanups = new Set<() => void>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const cleanup of cleanups) cleanup();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(128 + constants.signals[signal]));
}

/** Kills `child` when this process exits, however it exits, unless it has ended by then. */
export function stopOnExit(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** Runs `cleanup` when this process exits, unless the returned function is called first. */
export function cleanUpOnExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
