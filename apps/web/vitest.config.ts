import { fileURLToPath } from 'node:url';
import { defineTestConfig } from '@textpulse/vitest-config';

export default defineTestConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // The `@/` imports, as tsconfig.json maps them for Next.
    tsconfigPaths: true,
    // Route handlers and lib/server are server-only; under test they run in Node, as on the server.
    alias: {
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'lib/**/*.test.ts'],
    environment: 'node',
  },
});
