import { defineTestConfig } from '@textpulse/vitest-config';

export default defineTestConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
  },
});
