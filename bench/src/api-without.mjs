// `node src/api-without.mjs <feature,…>`: the built API, started as `pnpm start` starts it but
// built without the production features named (FEATURES of apps/api/src/features.ts; `all` names
// every one), for the A/B table of `pnpm bench`. The API itself has no such mode: it takes the
// list createApp is built from.
import { FEATURES } from '../../apps/api/dist/features.js';
import { serve } from '../../apps/api/dist/server.js';

const named = (process.argv[2] ?? '').split(',').filter(Boolean);
const without = new Set(named.includes('all') ? FEATURES : named);
const unknown = [...without].filter((feature) => !FEATURES.includes(feature));
if (unknown.length > 0) {
  console.error(`Unknown features: ${unknown.join(', ')}; the API has ${FEATURES.join(', ')}.`);
  process.exit(1);
}
await serve({ features: new Set(FEATURES.filter((feature) => !without.has(feature))) });
