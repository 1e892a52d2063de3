import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // Route handlers and lib/api.ts are server-only; under test they run in Node, as on the server.
    alias: {
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'lib/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
    // A focused test (.only) fails the run in CI instead of silently skipping the others.
    allowOnly: !process.env.CI,
    // Some suites start the built API first: generous for a busy machine, bounded all the same.
    hookTimeout: 60_000,
  },
});
