import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/** How long a holder that stopped refreshing its lock (a crashed process elsewhere) keeps it. */
const STALE_MS = 10_000;

/** Who holds a data directory, written beside its lock for the next process to name. */
interface Holder {
  host: string;
  pid: number;
  since: string;
}

/** Another process holds the data directory: PGlite takes one process per directory. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

const lockPath = (dir: string) => join(dir, '.lock');
const holderPath = (dir: string) => join(dir, '.lock-holder.json');

function readHolder(dir: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(holderPath(dir), 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory for this process alone (proper-lockfile: a lock directory inside it,
 * refreshed every few seconds), so that a second API on the same directory refuses to start
 * instead of corrupting it. A holder that crashed is recognised at once on the same host (its pid
 * is gone), and elsewhere (another container on a shared volume, where every pid may be 1) once
 * its lock has not been refreshed for 10 s. Resolves with the release.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const take = () =>
    lockfile.lock(dir, { lockfilePath: lockPath(dir), stale: STALE_MS, realpath: false });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = readHolder(dir);
    if (!holder || holder.host !== hostname() || isAlive(holder.pid)) {
      const who = holder
        ? `process ${holder.pid} on ${holder.host}, since ${holder.since}`
        : 'another process';
      throw new DataDirLockedError(
        `${dir} is in use by ${who}: the embedded database serves one process. Stop that one, give this one another DATA_DIR, or use PostgreSQL (DATABASE_URL).`,
      );
    }
    // The holder died on this host without releasing it (SIGKILL, a crash): take it over.
    rmSync(lockPath(dir), { recursive: true, force: true });
    release = await take();
  }
  const holder: Holder = { host: hostname(), pid: process.pid, since: new Date().toISOString() };
  writeFileSync(holderPath(dir), `${JSON.stringify(holder)}\n`);
  return async () => {
    rmSync(holderPath(dir), { force: true });
    await release();
  };
}
