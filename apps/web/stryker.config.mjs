import { defineMutationConfig } from '@textpulse/mutation';

/** The production build and the servers it starts run the built code, which no mutant reaches. */
const DRIVES_THE_BUILD =
  'drives the production build in a server of its own: mutants in the sources never reach it';

/** The web tier's request path: reading bodies, calling the API, answering problems. */
export default defineMutationConfig({
  mutate: ['lib/**/*.ts'],
  excluded: {
    'lib/**/*.test.ts': 'the tests themselves',
    'lib/testing/**': 'test helpers',
  },
  skippedTests: {
    'app/framework-errors.test.ts': DRIVES_THE_BUILD,
    'app/standalone.test.ts': DRIVES_THE_BUILD,
    'app/api/client-identity.test.ts': DRIVES_THE_BUILD,
    'app/api/gateway-log.test.ts': DRIVES_THE_BUILD,
    'app/api/body-limit.test.ts': DRIVES_THE_BUILD,
    'lib/testing/own-servers.test.ts':
      'tests the test helpers that start servers, not the request path',
  },
  target: 75,
});
