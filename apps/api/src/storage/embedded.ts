import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** PostgreSQL's name for a Unix socket of `port` in a directory: what node-postgres connects to. */
const SOCKET_PORT = 5432;

/** The child's entry: the compiled file in production, the source under the test runner. */
const fromSource = import.meta.url.endsWith('.ts');
const ENTRY = fileURLToPath(
  new URL(fromSource ? './embedded-server.ts' : './embedded-server.js', import.meta.url),
);

/** The embedded database, running in a process of its own and reached over a Unix socket. */
export interface EmbeddedDatabase {
  /** What node-postgres needs: the socket's directory as host, and its port. */
  readonly connection: { host: string; port: number; user: string; database: string };
  /** The database process, for measurements and tests. */
  readonly pid: number;
  /** Closes the database cleanly and waits for its process to end. */
  stop(): Promise<void>;
}

/** The embedded database could not start: the message is the database's own. */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

type ChildMessage = { ready: true } | { error: string };

/** Waits for the child's first word: ready, an error, or an exit without either. */
function firstWord(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as ChildMessage));
    child.once('exit', (code, signal) =>
      resolve({ error: `the database process ended (${signal ?? `exit code ${code}`})` }),
    );
  });
}

/**
 * Starts PGlite on `dataDir` ("memory": in memory) in a child process (src/storage/
 * embedded-server.ts), so that its queries, which run on the thread that holds it, never stall
 * the API's event loop. The child ends with this process: when it is stopped, and on its own when
 * this process goes away, however it ends.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const socketDir = mkdtempSync(join(tmpdir(), 'textpulse-db-'));
  const child = fork(ENTRY, [dataDir, join(socketDir, `.s.PGSQL.${SOCKET_PORT}`)], {
    execArgv: fromSource ? ['--experimental-strip-types', '--no-warnings'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const removeSocketDir = () => rmSync(socketDir, { recursive: true, force: true });
  const word = await firstWord(child);
  if ('error' in word) {
    child.kill('SIGKILL');
    removeSocketDir();
    throw new EmbeddedDatabaseError(word.error);
  }
  return {
    connection: { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' },
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.send('stop');
        await exited;
      }
      removeSocketDir();
    },
  };
}
