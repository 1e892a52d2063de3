import { VALID_BODY } from './fixtures.js';
import { assertExpectedStatuses, load } from './load.js';
import type { RuntimeReading } from './probe.js';
import type { LoadSettings } from './scaling.js';
import type { Target } from './servers.js';

export interface TailRow {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  /** What the runtime probe saw in the server during the run, when it is probed. */
  runtime?: RuntimeReading;
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
  readProbe: (target: Target) => Promise<RuntimeReading | undefined>,
): Promise<TailRow[]> {
  const rows: TailRow[] = [];
  const path = { name: `valid (200), paced`, body: VALID_BODY, expect: 200 };
  for (const target of targets) {
    await readProbe(target);
    const result = await load({
      url: `${target.url}/v1/analyze`,
      body: VALID_BODY,
      expect: 200,
      connections: settings.connections,
      durationS: settings.durationS,
      pauseMs: PAUSE_MS,
    });
    const runtime = await readProbe(target);
    assertExpectedStatuses(result, target.name, path);
    rows.push({
      target: target.name,
      rps: result.rps,
      p50: result.p50,
      p99: result.p99,
      ...(runtime ? { runtime } : {}),
    });
    log(
      `  ${target.name}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
    );
  }
  return rows;
}
