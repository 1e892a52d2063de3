import { defineConfig } from 'drizzle-kit';

/** drizzle-kit generate: SQL migrations from src/storage/schema.ts, committed in drizzle/. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/storage/schema.ts',
  out: './drizzle',
});
