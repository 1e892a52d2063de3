import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { DatabaseHealth } from '@textpulse/contracts';
import { causesOf } from '@textpulse/runtime';
import { sql } from 'drizzle-orm';
import { StorageUnavailableError } from '../common/problems/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { type Database, type Db, openDatabase } from './database.js';

/** Seconds a client is told to wait before retrying while the database is unavailable. */
const RETRY_AFTER_S = 5;

/** PostgreSQL's classes of errors that mean "not now": connection exceptions, shutdown. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0)/;
const UNAVAILABLE_MESSAGE = /timeout|Connection terminated|ECONNREFUSED|ECONNRESET/i;

/** Whether an error, or any of its causes, says the database cannot be reached right now. */
function isUnavailable(error: unknown): boolean {
  return causesOf(error).some((cause) => {
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || code.startsWith('ECONN'))) {
      return true;
    }
    return UNAVAILABLE_MESSAGE.test(cause.message);
  });
}

/**
 * The app's database, opened (and migrated) once, on first use or by main.ts at start-up, and
 * closed when the app closes. Apps that never store anything never open it.
 */
@Injectable()
export class Storage implements OnApplicationShutdown {
  private opened: Promise<Database> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  database(): Promise<Database> {
    // A database that could not be opened is tried again on the next call, not given up on.
    this.opened ??= openDatabase(this.config.database).catch((error: unknown) => {
      this.opened = undefined;
      throw error;
    });
    return this.opened;
  }

  /**
   * Runs `work` on the database. A database that cannot be reached, drops the connection or
   * answers later than DATABASE_TIMEOUT_MS is a StorageUnavailableError (503 with Retry-After),
   * never a 500 or a hang; any other error is a bug and stays one.
   */
  async run<T>(work: (db: Db) => Promise<T>): Promise<T> {
    try {
      const { db } = await this.database();
      return await work(db);
    } catch (error) {
      if (isUnavailable(error)) throw new StorageUnavailableError(RETRY_AFTER_S);
      throw error;
    }
  }

  /** Whether the database answers a query now (within DATABASE_TIMEOUT_MS), and its driver. */
  async health(): Promise<DatabaseHealth> {
    const driver = this.config.database.url ? 'postgres' : 'pglite';
    try {
      await this.run((db) => db.execute(sql`select 1`));
      return { status: 'up', driver };
    } catch {
      return { status: 'down', driver };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.opened) return;
    const database = await this.opened.catch(() => undefined);
    await database?.close();
  }
}
