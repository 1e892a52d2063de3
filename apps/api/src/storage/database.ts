import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { AppConfig } from '../config.js';
import { lockDataDir } from './data-dir-lock.js';
import { startEmbeddedDatabase } from './embedded.js';
import * as schema from './schema.js';

/** The migrations drizzle-kit generated from schema.ts (apps/api/drizzle). */
const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Key of the advisory lock that lets one replica at a time run the migrations. */
const MIGRATION_LOCK = 7_243_011;

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  readonly db: Db;
  /** Which driver serves it: the embedded PGlite or a PostgreSQL server. */
  readonly driver: 'pglite' | 'postgres';
  /** The process that serves it, when this API started it (the embedded database). */
  readonly pid?: number;
  close(): Promise<void>;
}

/** Which database the configuration names, for people: never the password. */
export function describeDatabase(config: AppConfig['database']): string {
  if (!config.url) {
    return config.dataDir === 'memory' ? 'PGlite in memory' : `PGlite in ${config.dataDir}`;
  }
  const url = new URL(config.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** A pool on a PostgreSQL server (or the embedded one), its schema brought up to date. */
async function openPool(
  connection: pg.PoolConfig,
  config: AppConfig['database'],
): Promise<pg.Pool> {
  const pool = new pg.Pool({
    ...connection,
    connectionTimeoutMillis: config.timeoutMs,
    query_timeout: config.timeoutMs,
  });
  // An idle connection the server dropped: the pool discards it and the next query reconnects
  // (or fails, as a 503). Unhandled, the event would end the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      // Replicas starting together run the migrations once.
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migrate(drizzle({ client, schema }), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/**
 * Opens the database the configuration names and brings its schema up to date: PostgreSQL when
 * DATABASE_URL is set (a pool of DATABASE_POOL_MAX connections), else the embedded PGlite in
 * DATA_DIR ("memory" keeps it in memory), in a process of its own (embedded.ts) reached through
 * one connection: PGlite serves one session, so a transaction must not share it with another.
 */
export async function openDatabase(config: AppConfig['database']): Promise<Database> {
  if (config.url) {
    const pool = await openPool({ connectionString: config.url, max: config.poolMax }, config);
    return { db: drizzle({ client: pool, schema }), driver: 'postgres', close: () => pool.end() };
  }
  // PGlite keeps no lock of its own: two processes on one directory would both write to it.
  const release = config.dataDir === 'memory' ? async () => {} : await lockDataDir(config.dataDir);
  try {
    const embedded = await startEmbeddedDatabase(config.dataDir);
    try {
      // One connection, to this process's own child: kept while idle, not closed after 10 s.
      const pool = await openPool({ ...embedded.connection, max: 1, idleTimeoutMillis: 0 }, config);
      return {
        db: drizzle({ client: pool, schema }),
        driver: 'pglite',
        pid: embedded.pid,
        close: async () => {
          await pool.end();
          await embedded.stop();
          await release();
        },
      };
    } catch (error) {
      await embedded.stop();
      throw error;
    }
  } catch (error) {
    await release();
    throw error;
  }
}
