import { defineMutationConfig } from '@textpulse/mutation';

/** The web tier's request path: reading bodies, calling the API, answering problems. */
export default defineMutationConfig({
  mutate: ['lib/**/*.ts'],
  excluded: {
    'lib/**/*.test.ts': 'the tests themselves',
    'lib/testing/**': 'test helpers',
  },
  target: 75,
});
