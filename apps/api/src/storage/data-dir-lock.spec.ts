import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'textpulse-lock-'));
  dirs.push(dir);
  return dir;
};

/** A lock left by a process on another host (a container sharing the volume), refreshed `ageS` ago. */
function lockedElsewhere(dir: string, ageS: number): void {
  mkdirSync(join(dir, '.lock'));
  const then = new Date(Date.now() - ageS * 1000);
  utimesSync(join(dir, '.lock'), then, then);
  writeFileSync(
    join(dir, '.lock-holder.json'),
    JSON.stringify({ host: 'replica-b', pid: 1, since: '2026-12-01T00:00:00.000Z' }),
  );
}

describe('lockDataDir', () => {
  it('refuses a second holder in this process, naming the first, until it releases', async () => {
    const dir = dataDir();
    const release = await lockDataDir(dir);
    const holder = JSON.parse(readFileSync(join(dir, '.lock-holder.json'), 'utf8'));
    expect(holder).toMatchObject({ host: hostname(), pid: process.pid });
    await expect(lockDataDir(dir)).rejects.toThrow(
      new DataDirLockedError(
        `${dir} is in use by process ${process.pid} on ${hostname()}, since ${holder.since}: the embedded database serves one process. Stop that one, give this one another DATA_DIR, or use PostgreSQL (DATABASE_URL).`,
      ),
    );
    await release();
    await (await lockDataDir(dir))();
  });

  it('refuses a lock another host refreshed moments ago, whatever its pid', async () => {
    const dir = dataDir();
    lockedElsewhere(dir, 1);
    await expect(lockDataDir(dir)).rejects.toThrow(
      `${dir} is in use by process 1 on replica-b, since 2026-12-01T00:00:00.000Z`,
    );
  });

  it("takes over a lock another host stopped refreshing (its holder's heartbeat stopped)", async () => {
    const dir = dataDir();
    lockedElsewhere(dir, 60);
    const release = await lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, '.lock-holder.json'), 'utf8'))).toMatchObject({
      host: hostname(),
      pid: process.pid,
    });
    await release();
  });
});
