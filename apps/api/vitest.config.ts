import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    // Bounds only a hang can break: on a busy 2-core machine PGlite's first start (initdb in
    // WASM) alone has taken over 20 s.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
