import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUILT,
  builtApi,
  builtWeb,
  cleanUpOnExit,
  type RunningServer,
  startServer,
} from '@textpulse/processes';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** A server under measurement, on a loopback port that is certainly its own. */
export type Target = RunningServer;

interface ApiOptions {
  /** Go to Node before the script (a profiler, say). */
  nodeArgs?: string[];
  /** Variables over the defaults (the database, say: in memory unless told). */
  env?: Record<string, string>;
  name?: string;
  /** One process per worker behind the same port (Node's cluster), instead of one process. */
  workers?: number;
  /** Production features to build the API without (src/api-without.mjs). */
  without?: readonly string[];
}

/** Where the APIs of this run write their log lines; deleted when the run ends. */
let logDir: string | undefined;
function logFile(name: string): string {
  if (logDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'textpulse-bench-logs-'));
    cleanUpOnExit(() => rmSync(dir, { recursive: true, force: true }));
    logDir = dir;
  }
  return join(logDir, `${name.replace(/[^\w.-]+/g, '-')}-${Date.now()}.log`);
}

/**
 * The API as production runs it (`pnpm start`, NODE_ENV=production): every feature on, its
 * info-level log lines (one per request) written to a file, and a rate limit the load never
 * meets (1,000,000,000 a minute).
 */
export async function startApi(options: ApiOptions = {}): Promise<Target> {
  const { nodeArgs = [], env = {}, name = 'TextPulse API (Nest + Fastify)' } = options;
  const cluster = fileURLToPath(new URL('./cluster.mjs', import.meta.url));
  const without = fileURLToPath(new URL('./api-without.mjs', import.meta.url));
  return startServer({
    ...builtApi({
      name,
      nodeArgs,
      script: options.workers
        ? [cluster, BUILT.api]
        : options.without
          ? [without, options.without.join(',')]
          : undefined,
      env: {
        LOG_LEVEL: 'info',
        DATA_DIR: 'memory',
        RATE_LIMIT_MAX: '1000000000',
        NODE_ENV: 'production',
        AUTH_SECRET: BENCH_AUTH_SECRET,
        ...(options.workers ? { BENCH_WORKERS: String(options.workers) } : {}),
        ...env,
      },
      cwd: root('.'),
    }),
    stdoutFile: logFile(name),
  });
}

/** What signs the benchmarked API's session cookies (production needs one). */
const BENCH_AUTH_SECRET = 'bench-secret-only-for-the-benchmark-run';

/** The minimal Next app of next-floor/ (an echo and a bare relay route), talking to `apiUrl`. */
export async function startNextFloor(apiUrl: string): Promise<Target> {
  return startServer({
    name: 'Next floor (next-floor/)',
    launch: (port) => ({
      args: [
        root('bench/node_modules/next/dist/bin/next'),
        'start',
        'next-floor',
        '--port',
        String(port),
        '--hostname',
        '127.0.0.1',
      ],
      env: { API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
    }),
    cwd: root('bench'),
    probe: '/api/echo',
  });
}

/**
 * POST /v1/analyze on plain Fastify with the API's production features and options, without Nest
 * (src/fastify-server.mjs, on the built API's functions): what Nest adds is the API's CPU beyond it.
 */
export async function startPlainFastify(): Promise<Target> {
  return startServer({
    ...builtApi({
      name: 'plain Fastify (src/fastify-server.mjs)',
      script: [fileURLToPath(new URL('./fastify-server.mjs', import.meta.url))],
      env: {
        LOG_LEVEL: 'info',
        RATE_LIMIT_MAX: '1000000000',
        NODE_ENV: 'production',
        AUTH_SECRET: BENCH_AUTH_SECRET,
      },
      cwd: root('.'),
    }),
    stdoutFile: logFile('plain Fastify'),
  });
}

/** The bare node:http floor (src/bare-server.ts), its port as its argument. */
export async function startBare(
  options: Pick<ApiOptions, 'nodeArgs' | 'env'> = {},
): Promise<Target> {
  return startServer({
    name: 'bare node:http',
    launch: (port) => ({
      args: [
        ...(options.nodeArgs ?? []),
        '--import',
        'tsx',
        fileURLToPath(new URL('./bare-server.ts', import.meta.url)),
        String(port),
      ],
      env: { NODE_ENV: 'production', ...options.env },
    }),
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    reportsPort: true,
    probe: '/v1/analyze',
  });
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
  return startServer({
    name: `FastAPI + uvicorn (${workers} ${workers === 1 ? 'worker' : 'workers'}, uvloop)`,
    command: python,
    launch: (port) => ({
      args: [
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
    }),
    cwd: root('.'),
    probe: '/docs',
  });
}

/**
 * The production web app (its standalone server, as `pnpm start` runs it), talking to `apiUrl`;
 * `env` over its settings.
 */
export async function startWeb(apiUrl: string, env: Record<string, string> = {}): Promise<Target> {
  return startServer(builtWeb(apiUrl, { name: 'TextPulse web (standalone server)', env }));
}
