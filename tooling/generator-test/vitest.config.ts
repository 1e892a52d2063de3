import { defineTestConfig } from '@textpulse/vitest-config';

export default defineTestConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A copy of the repository is installed, generated into and checked: minutes, not seconds.
    testTimeout: 20 * 60_000,
  },
});
