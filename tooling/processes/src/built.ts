import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerOptions } from './server.js';

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** Where the production builds of this repository's apps are (`pnpm build`). */
export const BUILT = {
  api: repo('apps/api/dist/main.js'),
  web: repo('apps/web/.next/standalone/apps/web/server.js'),
} as const;

/**
 * The Node options of the API's production start: what its `start` script (and so its Dockerfile's
 * CMD) passes to node before dist/main.js.
 */
export function apiNodeOptions(): string[] {
  const { scripts } = JSON.parse(readFileSync(repo('apps/api/package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [node, ...rest] = scripts.start.split(' ');
  if (node !== 'node' || rest.at(-1) !== 'dist/main.js') {
    throw new Error(
      `apps/api's start script is not "node [options] dist/main.js": ${scripts.start}`,
    );
  }
  return rest.slice(0, -1);
}

/**
 * startServer() options for the built API (`pnpm start`, its Node options included) on loopback, binding a port itself:
 * `env` over PORT and HOST; `script` instead of running dist/main.js directly (a cluster, say).
 */
export function builtApi(
  options: {
    name?: string;
    env?: Record<string, string>;
    nodeArgs?: string[];
    script?: string[];
    cwd?: string;
  } = {},
): ServerOptions {
  return {
    name: options.name ?? 'The API',
    launch: (port) => ({
      args: [...apiNodeOptions(), ...(options.nodeArgs ?? []), ...(options.script ?? [BUILT.api])],
      env: { PORT: String(port), HOST: '127.0.0.1', ...options.env },
    }),
    cwd: options.cwd,
    reportsPort: true,
    probe: '/v1/health',
  };
}

/**
 * startServer() options for the built web app (its standalone server, as `pnpm start` runs it),
 * talking to the API at `apiUrl`; `env` over its settings. Next reads PORT=0 as 3000, so it is
 * given a port, and started again on another if that one is taken first.
 */
export function builtWeb(
  apiUrl: string,
  options: { name?: string; env?: Record<string, string> } = {},
): ServerOptions {
  return {
    name: options.name ?? 'The web app',
    launch: (port) => ({
      args: [BUILT.web],
      env: {
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        API_URL: apiUrl,
        NEXT_TELEMETRY_DISABLED: '1',
        ...options.env,
      },
    }),
    cwd: repo('apps/web'),
    probe: '/',
  };
}
