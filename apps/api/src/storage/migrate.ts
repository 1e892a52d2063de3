import { EnvironmentError } from '@textpulse/runtime';
import { loadConfig, loadDotEnv } from '../config.js';
import { DataDirLockedError } from './data-dir-lock.js';
import { openDatabase } from './database.js';

// `pnpm db:migrate`: brings the configured database up to date and exits (the API also does it
// at start-up, under the same advisory lock), reading a .env file as the server does.
loadDotEnv();
try {
  const database = await openDatabase(loadConfig().database);
  console.log(`Migrations applied (${database.driver}).`);
  await database.close();
} catch (error) {
  if (!(error instanceof EnvironmentError || error instanceof DataDirLockedError)) throw error;
  console.error(error.message);
  process.exit(1);
}
