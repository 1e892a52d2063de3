// The embedded database's own process (started by embedded.ts, never by hand): PGlite serves the
// PostgreSQL wire protocol on a Unix socket, so that its queries run on this process's thread and
// never stall the API's event loop. It imports packages only, so that Node can run it from source.
//
// Arguments: the data directory ("memory": in memory) and the socket's path. It tells its parent
// { ready: true } once it accepts connections, or { error } before it exits; it stops, closing the
// database cleanly, when the parent says "stop" or goes away (its IPC channel closes), and not on
// a terminal's Ctrl-C, which the parent answers by draining its requests first.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Sized for a development default: PostgreSQL's 128 MB of shared buffers would be held resident
 * by the WebAssembly heap; 16 MB keeps the working set of a starter's tables.
 */
const SETTINGS = ['shared_buffers=16MB', 'wal_buffers=1MB'];

const [dataDir, socketPath] = process.argv.slice(2);
const tell = (message: { ready: true } | { error: string }) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => resolve());
  });

process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);

try {
  if (!dataDir || !socketPath) throw new Error('usage: embedded-server <data dir> <socket path>');
  const db = await PGlite.create(dataDir === 'memory' ? undefined : dataDir, {
    postgresqlconf: SETTINGS,
  });
  const server = new PGLiteSocketServer({ db, path: socketPath });
  await server.start();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  await tell({ ready: true });
} catch (error) {
  await tell({ error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
