import { createApp } from './app.js';
import { type AppConfig, ConfigError, loadConfig } from './config.js';
import { Storage } from './storage/storage.js';

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const app = await createApp(config);
// The database is opened and migrated before the first request, so a bad DATABASE_URL stops here.
await app.get(Storage).database();
await app.listen({ port: config.port, host: config.host });
console.log(
  `TextPulse API listening on http://${config.host}:${config.port} (Swagger UI at /docs)`,
);
