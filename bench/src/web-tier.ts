import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cpuMsOf } from './cpu.js';
import type { ProfiledPart } from './cpu-profile.js';
import { VALID_BODY } from './fixtures.js';
import { assertExpectedStatuses, load } from './load.js';
import type { LoadSettings } from './scaling.js';
import { startApi, startNextFloor, startWeb, type Target } from './servers.js';

export interface WebTierRow {
  route: string;
  rps: number;
  p50: number;
  p99: number;
  /** CPU time per request of the process that answered, and of the API behind it, in ms. */
  cpuMs: number;
  apiCpuMs: number | undefined;
}

/** Connections of the web-tier runs: Next's route handlers saturate a core well below 50. */
export const WEB_TIER_CONNECTIONS = 10;

/**
 * The same valid POST, 300 characters, through the web tier: the web app's validated route
 * handler, a bare relay route and a JSON echo route in a minimal Next app of the same version
 * (bench/next-floor), and the API itself, each with the CPU each process spent per request.
 */
export async function measureWebTier(
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<WebTierRow[]> {
  const started: Target[] = [];
  try {
    const api = await startApi();
    started.push(api);
    // The web tier's own rate limit lifted, as the API's is: it is not what is measured.
    const web = await startWeb(api.url, { RATE_LIMIT_MAX: '100000000', LOG_LEVEL: 'warn' });
    started.push(web);
    const floor = await startNextFloor(api.url);
    started.push(floor);
    const routes = [
      {
        route: 'TextPulse web, POST /api/analyze (validated)',
        target: web,
        path: '/api/analyze',
        api,
      },
      { route: 'Next floor, POST /api/relay (bare relay)', target: floor, path: '/api/relay', api },
      { route: 'Next floor, POST /api/echo (JSON echo)', target: floor, path: '/api/echo' },
      { route: 'TextPulse API, POST /v1/analyze (direct)', target: api, path: '/v1/analyze' },
    ];
    const rows: WebTierRow[] = [];
    for (const { route, target, path, api: behind } of routes) {
      const options = {
        url: `${target.url}${path}`,
        body: VALID_BODY,
        expect: 200,
        connections: WEB_TIER_CONNECTIONS,
        timeoutS: 10,
      };
      const named = { name: route, body: VALID_BODY, expect: 200 };
      assertExpectedStatuses(
        await load({ ...options, durationS: settings.warmupS }),
        `${route} (warm-up)`,
        named,
      );
      const cpuBefore = cpuMsOf(target.pid);
      const apiCpuBefore = cpuMsOf(behind?.pid);
      const result = await load({ ...options, durationS: settings.durationS });
      assertExpectedStatuses(result, route, named);
      const requests = result.total;
      rows.push({
        route,
        rps: result.rps,
        p50: result.p50,
        p99: result.p99,
        cpuMs: (cpuMsOf(target.pid) - cpuBefore) / requests,
        apiCpuMs: behind ? (cpuMsOf(behind.pid) - apiCpuBefore) / requests : undefined,
      });
      log(`  ${route}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms`);
    }
    return rows;
  } finally {
    await Promise.all(started.map((target) => target.stop()));
  }
}

/** What src/web-steps.ts prints: the web handler's steps, its CPU beside the relay's, their profiles. */
export interface WebSteps {
  steps: { name: string; meanUs: number; p99Us: number }[];
  cpu: { name: string; cpuUs: number }[];
  profile: {
    requests: number;
    handlerCpuUs: number;
    relayCpuUs: number;
    parts: ProfiledPart[];
  };
}

/**
 * The web handler's own work, in one process without Next (src/web-steps.ts, run with the
 * react-server condition the web's server modules need), against the API at `apiUrl`.
 */
export async function measureWebSteps(apiUrl: string, timeMs: number): Promise<WebSteps> {
  const script = fileURLToPath(new URL('./web-steps.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', script, String(timeMs)],
    {
      env: { ...process.env, API_URL: apiUrl },
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    },
  );
  const last = stdout.trim().split('\n').at(-1);
  if (!last) throw new Error('src/web-steps.ts printed nothing');
  return JSON.parse(last) as WebSteps;
}
