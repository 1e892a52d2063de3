import { defineMutationConfig } from '@textpulse/mutation';

export default defineMutationConfig({
  mutate: ['src/**/*.ts'],
  excluded: {
    'src/**/*.test.ts': 'the tests themselves',
    'src/index.ts': 're-exports only',
  },
  target: 85,
});
