import { readFileSync } from 'node:fs';

/** Version of the running API: its package version, reported by /v1/health and stored analyses. */
export const API_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
