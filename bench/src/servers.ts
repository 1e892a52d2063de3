import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@textpulse/ports';
import { stopChild, stopOnExit, untilAnswering } from '@textpulse/processes';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export interface Target {
  name: string;
  url: string;
  pid: number | undefined;
  /** Settles when the process has exited, however it ended. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a server process on 127.0.0.1 and resolves once it answers `probe`; a process that does
 * not come up is stopped before the error is thrown.
 */
async function startProcess(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  probe: (baseUrl: string) => string,
  port: number,
  cwd = root('.'),
): Promise<Target> {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  stopOnExit(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await untilAnswering(probe(url), child, name);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { name, url, pid: child.pid, exited, stop: () => stopChild(child) };
}

interface ApiOptions {
  /** Go to Node before the script (a profiler, say). */
  nodeArgs?: string[];
  /** Variables over the defaults (the database, say: in memory unless told). */
  env?: Record<string, string>;
  name?: string;
  /** One process per worker behind the same port (Node's cluster), instead of one process. */
  workers?: number;
}

/** The production API (`pnpm start`), with the rate limit lifted so it does not cap the load. */
export async function startApi(options: ApiOptions = {}): Promise<Target> {
  const { nodeArgs = [], env = {}, name = 'TextPulse API (Nest + Fastify)' } = options;
  const port = await freePort();
  const main = root('apps/api/dist/main.js');
  const script = options.workers
    ? [fileURLToPath(new URL('./cluster.mjs', import.meta.url)), main]
    : [main];
  return startProcess(
    name,
    process.execPath,
    [...nodeArgs, ...script],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: 'memory',
      RATE_LIMIT_MAX: '1000000000',
      NODE_ENV: 'production',
      ...(options.workers ? { BENCH_WORKERS: String(options.workers) } : {}),
      ...env,
    },
    (url) => `${url}/v1/health`,
    port,
  );
}

/** The minimal Next app of next-floor/ (an echo and a bare relay route), talking to `apiUrl`. */
export async function startNextFloor(apiUrl: string): Promise<Target> {
  const port = await freePort();
  return startProcess(
    'Next floor (next-floor/)',
    process.execPath,
    [
      root('bench/node_modules/next/dist/bin/next'),
      'start',
      'next-floor',
      '--port',
      String(port),
      '--hostname',
      '127.0.0.1',
    ],
    { API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
    (url) => `${url}/api/echo`,
    port,
    root('bench'),
  );
}

/** The bare node:http floor (src/bare-server.ts), its port as its argument. */
export async function startBare(
  options: Pick<ApiOptions, 'nodeArgs' | 'env'> = {},
): Promise<Target> {
  const port = await freePort();
  return startProcess(
    'bare node:http',
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      fileURLToPath(new URL('./bare-server.ts', import.meta.url)),
      String(port),
    ],
    { NODE_ENV: 'production', ...options.env },
    (url) => `${url}/v1/analyze`,
    port,
    fileURLToPath(new URL('..', import.meta.url)),
  );
}

export const FASTAPI_PACKAGES = 'python3-fastapi python3-uvicorn python3-uvloop python3-httptools';

/** The seed's FastAPI endpoint on uvicorn (uvloop, httptools), or why it cannot run. */
export async function startFastApi(workers = 1): Promise<Target | string> {
  // Debian's python3 has the packages; a python3 earlier on PATH (pyenv, a venv) may not.
  const python = ['python3', '/usr/bin/python3'].find(
    (candidate) =>
      spawnSync(candidate, ['-c', 'import fastapi, uvicorn, uvloop, httptools'], {
        encoding: 'utf8',
      }).status === 0,
  );
  if (python === undefined) {
    return `FastAPI skipped: Debian's packages are missing (sudo apt-get install -y ${FASTAPI_PACKAGES}).`;
  }
  const port = await freePort();
  return startProcess(
    `FastAPI + uvicorn (${workers} ${workers === 1 ? 'worker' : 'workers'}, uvloop)`,
    python,
    [
      '-m',
      'uvicorn',
      'app:app',
      '--app-dir',
      fileURLToPath(new URL('../fastapi', import.meta.url)),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      String(workers),
      '--loop',
      'uvloop',
      '--http',
      'httptools',
      '--no-access-log',
      '--log-level',
      'warning',
    ],
    {},
    (url) => `${url}/docs`,
    port,
  );
}

/**
 * The production web app (its standalone server, as `pnpm start` runs it), talking to `apiUrl`;
 * `env` over its settings.
 */
export async function startWeb(apiUrl: string, env: Record<string, string> = {}): Promise<Target> {
  const port = await freePort();
  return startProcess(
    'TextPulse web (standalone server)',
    process.execPath,
    [root('apps/web/.next/standalone/apps/web/server.js')],
    {
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      API_URL: apiUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    (url) => `${url}/`,
    port,
    root('apps/web'),
  );
}
