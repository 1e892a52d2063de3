import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { AppConfig } from '../config.js';
import { lockDataDir } from './data-dir-lock.js';
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

/**
 * Opens the database the configuration names and brings its schema up to date: PostgreSQL when
 * DATABASE_URL is set (a pool, migrations under an advisory lock so replicas starting together
 * run them once), else the embedded PGlite in DATA_DIR ("memory" keeps it in memory).
 */
export async function openDatabase(config: AppConfig['database']): Promise<Database> {
  if (config.url) {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolMax,
      connectionTimeoutMillis: config.timeoutMs,
      query_timeout: config.timeoutMs,
    });
    // An idle connection the server dropped: the pool discards it and the next query reconnects
    // (or fails, as a 503). Unhandled, the event would end the process.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    return {
      db: drizzlePostgres({ client: pool, schema }),
      driver: 'postgres',
      close: () => pool.end(),
    };
  }
  if (config.dataDir === 'memory') {
    const client = new PGlite();
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    return { db, driver: 'pglite', close: () => client.close() };
  }
  // PGlite keeps no lock of its own: two processes on one directory would both write to it.
  const release = await lockDataDir(config.dataDir);
  try {
    const client = new PGlite(config.dataDir);
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db,
      driver: 'pglite',
      close: async () => {
        await client.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
