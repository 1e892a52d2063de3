import { writeFileSync } from 'node:fs';
import { API_PROXY_CONF, withProblemLocations } from '../src/nginx-problems.js';

// `pnpm generate`: nginx's own 502 and 504 in api-proxy.conf, from the contract's problem catalog.
writeFileSync(API_PROXY_CONF, withProblemLocations());
