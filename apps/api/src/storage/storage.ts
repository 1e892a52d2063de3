import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { type Database, openDatabase } from './database.js';

/**
 * The app's database, opened (and migrated) once, on first use or by main.ts at start-up, and
 * closed when the app closes. Apps that never store anything never open it.
 */
@Injectable()
export class Storage implements OnApplicationShutdown {
  private opened: Promise<Database> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  database(): Promise<Database> {
    this.opened ??= openDatabase(this.config.database);
    return this.opened;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.opened) return;
    const database = await this.opened.catch(() => undefined);
    await database?.close();
  }
}
