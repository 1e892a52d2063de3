import { cpuMsOf } from './cpu.js';
import { VALID_BODY } from './fixtures.js';
import { assertExpectedStatuses, type LoadResult, load, median } from './load.js';
import type { LoadSettings } from './scaling.js';
import { startApi, startBare, type Target } from './servers.js';

export interface FeatureRow {
  variant: string;
  rps: number;
  p50: number;
  p99: number;
  /** CPU time the server spent per request, in µs (median of the rounds). */
  cpuUs: number;
}

/** The browser origin the API allows by default: every request carries it, so CORS does its work. */
const ORIGIN = 'http://localhost:3000';

export const FEATURES_ON = 'every feature on (as in production)';

/**
 * The API as production runs it (NODE_ENV=production, LOG_LEVEL=info: request log lines), then
 * built without one feature at a time (src/api-without.mjs, or LOG_LEVEL=warn for the log lines),
 * then without all of them.
 */
const VARIANTS: { variant: string; without?: string[]; env?: Record<string, string> }[] = [
  { variant: FEATURES_ON },
  { variant: 'without the rate limit', without: ['rate-limit'] },
  { variant: 'without request log lines (LOG_LEVEL=warn)', env: { LOG_LEVEL: 'warn' } },
  { variant: 'without request ids', without: ['request-id'] },
  { variant: 'without security headers', without: ['security-headers'] },
  { variant: 'without CORS', without: ['cors'] },
  { variant: 'without the response check', without: ['response-check'] },
  // `all`: every feature FEATURES of apps/api/src/features.ts lists (src/api-without.mjs).
  { variant: 'without all of them', without: ['all'], env: { LOG_LEVEL: 'warn' } },
];

const BARE_VARIANT = 'bare node:http (the floor)';

/**
 * The A/B figures of the production features: POST /v1/analyze, valid, with an Origin header,
 * on one API per variant (all started at once, the rounds alternated between them), and the bare
 * floor for the part no feature explains.
 */
export async function measureFeatures(
  settings: LoadSettings & { rounds: number },
  log: (line: string) => void,
): Promise<FeatureRow[]> {
  const started: { variant: string; target: Target }[] = [];
  try {
    for (const { variant, without, env } of VARIANTS) {
      const target = await startApi({
        name: variant,
        ...(without ? { without } : {}),
        ...(env ? { env } : {}),
      });
      started.push({ variant, target });
    }
    started.push({ variant: BARE_VARIANT, target: await startBare() });
    const path = { name: 'valid (200), with Origin', body: VALID_BODY, expect: 200 };
    const options = (target: Target) => ({
      url: `${target.url}/v1/analyze`,
      body: VALID_BODY,
      expect: 200,
      connections: settings.connections,
      headers: { origin: ORIGIN },
    });
    for (const { variant, target } of started) {
      const warmUp = await load({ ...options(target), durationS: settings.warmupS });
      assertExpectedStatuses(warmUp, `${variant} (warm-up)`, path);
    }
    const runs = new Map<string, { result: LoadResult; cpuUs: number }[]>();
    for (let round = 1; round <= settings.rounds; round += 1) {
      for (const { variant, target } of started) {
        const cpuBefore = cpuMsOf(target.pid);
        const result = await load({ ...options(target), durationS: settings.durationS });
        const cpuUs = ((cpuMsOf(target.pid) - cpuBefore) * 1000) / result.total;
        assertExpectedStatuses(result, variant, path);
        runs.set(variant, [...(runs.get(variant) ?? []), { result, cpuUs }]);
        log(
          `  round ${round} · ${variant}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${cpuUs.toFixed(1)} µs CPU per request`,
        );
      }
    }
    return started.map(({ variant }) => {
      const measured = runs.get(variant) ?? [];
      return {
        variant,
        rps: median(measured.map(({ result }) => result.rps)),
        p50: median(measured.map(({ result }) => result.p50)),
        p99: median(measured.map(({ result }) => result.p99)),
        cpuUs: median(measured.map(({ cpuUs }) => cpuUs)),
      };
    });
  } finally {
    await Promise.all(started.map(({ target }) => target.stop()));
  }
}
