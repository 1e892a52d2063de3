import { defineTestConfig } from '@textpulse/vitest-config';

export default defineTestConfig({
  test: {
    include: ['src/**/*.test.ts'],
  },
});
