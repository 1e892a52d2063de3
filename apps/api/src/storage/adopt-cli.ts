import { EnvironmentError } from '@textpulse/runtime';
import { loadConfig, loadDotEnv } from '../config.js';
import { adoptUnownedAnalyses, NoSuchAccountError } from './adopt.js';
import { DataDirLockedError } from './data-dir-lock.js';
import { openDatabase } from './database.js';

// `pnpm --filter @textpulse/api db:adopt <email>`: gives the analyses stored before accounts
// existed to one account (the API must not be running on the same PGlite directory).
loadDotEnv();
const email = process.argv[2];
if (!email) {
  console.error('Usage: pnpm --filter @textpulse/api db:adopt <email of an account>');
  process.exit(2);
}
try {
  const database = await openDatabase(loadConfig().database);
  try {
    const count = await adoptUnownedAnalyses(database.db, email);
    console.log(`${count} analyses stored before accounts now belong to ${email}.`);
  } finally {
    await database.close();
  }
} catch (error) {
  const expected = [EnvironmentError, DataDirLockedError, NoSuchAccountError];
  if (!expected.some((kind) => error instanceof kind)) throw error;
  console.error((error as Error).message);
  process.exit(1);
}
