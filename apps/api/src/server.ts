import type { AddressInfo } from 'node:net';
import { causesOf, EnvironmentError } from '@textpulse/runtime';
import { createApp } from './app.js';
import { type AppConfig, loadConfig, loadDotEnv } from './config.js';
import { ALL_FEATURES, type Features } from './features.js';
import { describeDatabase } from './storage/database.js';
import { Storage } from './storage/storage.js';
import type { Telemetry } from './telemetry/telemetry.js';

/** An error's message and its causes' (pg nests the network error), on one line. */
function reason(error: unknown): string {
  const messages = causesOf(error)
    .map((cause) => cause.message)
    .filter(Boolean);
  return messages.join(': ') || String(error);
}

/**
 * Runs the API as `pnpm start` does: the environment (and a .env file) read and checked, the
 * database opened and migrated, then listening; an error in either stops the process with one line.
 * `telemetry`, when main.ts started it, exports what it still holds as the server closes.
 */
export async function serve(
  options: { features?: Features; telemetry?: Telemetry } = {},
): Promise<void> {
  const { features = ALL_FEATURES, telemetry } = options;
  loadDotEnv();

  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    console.error(error.message);
    process.exit(1);
  }

  const app = await createApp(config, { features, telemetry });
  // The database is opened and migrated before the first request, so a bad DATABASE_URL stops here.
  try {
    await app.get(Storage).database();
  } catch (error) {
    console.error(
      `Cannot open the database (${describeDatabase(config.database)}): ${reason(error)}`,
    );
    await app.close();
    process.exit(1);
  }
  await app.listen({ port: config.port, host: config.host });
  // The port bound, which PORT=0 leaves to the system: the tests and scripts that start it read it from this line.
  const { port } = app.getHttpServer().address() as AddressInfo;
  console.log(`TextPulse API listening on http://${config.host}:${port} (Swagger UI at /docs)`);
}
