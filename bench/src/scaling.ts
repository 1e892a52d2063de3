import { ANALYZE_PATHS, TEXT_300 } from './fixtures.js';
import { assertExpectedStatuses, load } from './load.js';
import { startApi, startFastApi, type Target } from './servers.js';

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
}

export interface CurveRow {
  chars: number;
  rps: number;
  p50: number;
  p99: number;
}

export const CURVE_CONNECTIONS = 10;

/** A text of `chars` characters, from the benchmark's English sample. */
const textOf = (chars: number) => TEXT_300.repeat(Math.ceil(chars / 300)).slice(0, chars);

/**
 * POST /v1/analyze with texts of 100, 1,000 and 5,000 characters: the cost of the work itself.
 * 10 connections and a 10 s response timeout: 50 connections of 5,000-character texts only
 * measure the queue (p99 near 2 s, and socket errors in some runs).
 */
export async function measureSizeCurve(settings: LoadSettings): Promise<CurveRow[]> {
  const rows: CurveRow[] = [];
  for (const chars of [100, 1000, 5000]) {
    // A fresh API per size: each starts from the same state, whatever the loads before left.
    const api = await startApi();
    try {
      const path = {
        name: `${chars} characters`,
        body: JSON.stringify({ text: textOf(chars) }),
        expect: 200,
      };
      const options = {
        url: `${api.url}/v1/analyze`,
        body: path.body,
        expect: 200,
        connections: CURVE_CONNECTIONS,
        timeoutS: 10,
      };
      assertExpectedStatuses(
        await load({ ...options, durationS: settings.warmupS }),
        `${api.name} (warm-up)`,
        path,
      );
      const result = await load({ ...options, durationS: settings.durationS });
      assertExpectedStatuses(result, api.name, path);
      rows.push({ chars, rps: result.rps, p50: result.p50, p99: result.p99 });
    } finally {
      await api.stop();
    }
  }
  return rows;
}

export interface MultiCoreRow {
  target: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
}

/**
 * The API as one process per core (Node's cluster, connections handed out round-robin) beside
 * FastAPI with as many uvicorn workers, each path once after a warm-up; the servers are stopped after.
 */
export async function measureMultiCore(
  workers: number,
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<{ rows: MultiCoreRow[]; note?: string }> {
  const started: Target[] = [];
  try {
    started.push(
      await startApi({ workers, name: `TextPulse API (${workers} processes, cluster)` }),
    );
    const fastApi = await startFastApi(workers);
    if (typeof fastApi === 'string') log(`  ${fastApi}`);
    else started.push(fastApi);
    const rows: MultiCoreRow[] = [];
    for (const path of ANALYZE_PATHS) {
      for (const target of started) {
        const options = {
          url: `${target.url}/v1/analyze`,
          body: path.body,
          expect: path.expect,
          connections: settings.connections,
        };
        assertExpectedStatuses(
          await load({ ...options, durationS: settings.warmupS }),
          `${target.name} (warm-up)`,
          path,
        );
        const result = await load({ ...options, durationS: settings.durationS });
        assertExpectedStatuses(result, target.name, path);
        log(
          `  ${path.name} · ${target.name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
        );
        rows.push({
          target: target.name,
          path: path.name,
          rps: result.rps,
          p50: result.p50,
          p99: result.p99,
        });
      }
    }
    return typeof fastApi === 'string' ? { rows, note: fastApi } : { rows };
  } finally {
    await Promise.all(started.map((target) => target.stop()));
  }
}
