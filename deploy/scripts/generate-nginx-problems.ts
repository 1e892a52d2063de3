import { writeFileSync } from 'node:fs';
import {
  API_PROXY_CONF,
  COMPOSE_CONF,
  withProblemLocations,
  withWebProblemLocations,
} from '../src/nginx-problems.js';

// `pnpm generate`: nginx's own 502 and 504 in front of the API (api-proxy.conf) and of the web app
// (compose.conf), from the contract's problem catalog.
writeFileSync(API_PROXY_CONF, withProblemLocations());
writeFileSync(COMPOSE_CONF, withWebProblemLocations());
