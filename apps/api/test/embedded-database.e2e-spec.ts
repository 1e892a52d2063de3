import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../src/storage/embedded.js';
import { Storage } from '../src/storage/storage.js';
import { createTestApp } from './support/app.js';
import { api } from './support/documented.js';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves once `pid` has ended: the test's own timeout bounds the wait. */
async function ended(pid: number): Promise<void> {
  while (isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('the embedded database', () => {
  it('runs in a process of its own, answers over its socket, and ends when stopped', async () => {
    const embedded = await startEmbeddedDatabase('memory');
    expect(embedded.pid).not.toBe(process.pid);
    expect(isRunning(embedded.pid)).toBe(true);
    const client = new pg.Client(embedded.connection);
    await client.connect();
    const { rows } = await client.query<{ answer: number }>('select 6 * 7 as answer');
    expect(rows).toEqual([{ answer: 42 }]);
    await client.end();

    await embedded.stop();
    expect(isRunning(embedded.pid)).toBe(false);
    expect(existsSync(embedded.connection.host)).toBe(false);
  });

  it('ends on its own when the process that started it is killed', async () => {
    // A process that starts the database, prints its pid, then waits to be killed.
    const starter = spawn(
      process.execPath,
      [
        '--experimental-strip-types',
        '--no-warnings',
        '--input-type=module',
        '-e',
        `const { startEmbeddedDatabase } = await import(${JSON.stringify(new URL('../src/storage/embedded.ts', import.meta.url).href)});
         const embedded = await startEmbeddedDatabase('memory');
         console.log(embedded.pid);
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(starter.stdout, 'data')) as [Buffer];
    const pid = Number(line.toString().trim());
    expect(isRunning(pid)).toBe(true);

    starter.kill('SIGKILL');
    await ended(pid);
    expect(isRunning(pid)).toBe(false);
  });
});

describe('the API on the embedded database', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    // A query waits for the database as long as the test holds it, not DATABASE_TIMEOUT_MS.
    app = await createTestApp({ RATE_LIMIT_MAX: '1000000', DATABASE_TIMEOUT_MS: '600000' });
    await app.get(Storage).database();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers other requests while a query waits for the database', async () => {
    const storage = app.get(Storage);
    const { pid } = await storage.database();
    if (pid === undefined) throw new Error('The embedded database has no process of its own');
    const finished: string[] = [];
    // The database's process is held still until the test lets it go: had PGlite run in the
    // API's own thread, there would be no process to hold, and its work would stall every request.
    process.kill(pid, 'SIGSTOP');
    try {
      const query = storage
        .run((db) => db.execute(sql`select 1`))
        .then(() => finished.push('query'));
      for (const n of [1, 2, 3]) {
        await api(app)
          .post('/v1/analyze')
          .send({ text: `Request ${n} arrives while the database is busy.` })
          .expect(200);
        finished.push(`request ${n}`);
      }
      expect(finished).toEqual(['request 1', 'request 2', 'request 3']);
      process.kill(pid, 'SIGCONT');
      await query;
      expect(finished).toEqual(['request 1', 'request 2', 'request 3', 'query']);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });
});
