import { VALID_BODY } from './fixtures.js';
import { assertExpectedStatuses, load } from './load.js';
import type { LoadSettings } from './scaling.js';
import type { Target } from './servers.js';

export interface TailRow {
  target: string;
  rps: number;
  p50: number;
  p99: number;
}

/** What each connection waits after a response: 50 connections make about 2,500 req/s. */
export const PAUSE_MS = 20;

/**
 * The valid POST at the same paced rate on each target (each connection pausing PAUSE_MS between
 * requests, well below every target's capacity): the latency tail of the work itself, without
 * the queue a saturating load builds in front of the slower server.
 */
export async function measurePacedTail(
  targets: Target[],
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<TailRow[]> {
  const rows: TailRow[] = [];
  const path = { name: `valid (200), paced`, body: VALID_BODY, expect: 200 };
  for (const target of targets) {
    const result = await load({
      url: `${target.url}/v1/analyze`,
      body: VALID_BODY,
      expect: 200,
      connections: settings.connections,
      durationS: settings.durationS,
      pauseMs: PAUSE_MS,
    });
    assertExpectedStatuses(result, target.name, path);
    rows.push({ target: target.name, rps: result.rps, p50: result.p50, p99: result.p99 });
    log(
      `  ${target.name}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
    );
  }
  return rows;
}
