import { defineMutationConfig } from '@textpulse/mutation';

/** The API's request path: what carries the contract from the wire to a handler and back. */
export default defineMutationConfig({
  mutate: ['src/common/**/*.ts'],
  excluded: {
    'src/common/**/*.spec.ts': 'the tests themselves',
  },
  target: 75,
});
