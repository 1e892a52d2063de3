import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresMissingError, ThrowawayPostgres } from '@textpulse/postgres';
import { cleanUpOnExit, signUpCaller } from '@textpulse/processes';
import { checkAnswer } from './conformance.js';
import { childrenOf, residentMiBOf } from './cpu.js';
import { VALID_BODY } from './fixtures.js';
import { assertExpectedStatuses, type LoadResult, load, median } from './load.js';
import { startApi, type Target } from './servers.js';

/** A process's resident memory before the load (after start-up and one stored analysis) and after it, in MiB. */
export interface Resident {
  process: string;
  idleMiB: number;
  loadedMiB: number;
}

/** The embedded default's row: the API on PGlite in a data directory, as `pnpm start` keeps it. */
export const EMBEDDED = 'PGlite (DATA_DIR on disk)';

export interface StorageRow {
  database: string;
  rps: number;
  p50: number;
  p99: number;
  responses: number;
  /** The API's process, and the embedded database's when it has one. */
  memory: Resident[];
}

export interface StorageSettings {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
}

/**
 * A write may wait its turn on the embedded database, which serves one query at a time: when it
 * ran in the API's own thread, PGlite kept some writes waiting past the load generators' usual 2 s.
 */
const STORE_TIMEOUT_S = 10;

/** The resident memory of the API and of each process it started (the embedded database). */
function residentNow(pid: number): Map<string, number> {
  const children = childrenOf(pid);
  return new Map([
    ['API', residentMiBOf(pid)],
    ...children.map((child, index): [string, number] => [
      children.length === 1 ? 'embedded database' : `child ${index + 1}`,
      residentMiBOf(child),
    ]),
  ]);
}

/** The load: POST /v1/analyses with the 300-character text, every answer a 201. */
const store = { name: 'store (201)', body: VALID_BODY, expect: 201 } as const;

/** Loads POST /v1/analyses on one API: a checked answer, a warm-up, then the measured rounds. */
async function measure(
  api: Target,
  database: string,
  settings: StorageSettings,
  log: (line: string) => void,
): Promise<StorageRow> {
  const url = `${api.url}/v1/analyses`;
  // Stored analyses are a person's: the load stores as one, with their API key.
  const { headers } = await signUpCaller(api.url);
  await checkAnswer(api.name, url, { ...store, headers });
  const { pid } = api;
  const idle = residentNow(pid);
  const run = {
    url,
    headers,
    body: store.body,
    expect: store.expect,
    connections: settings.connections,
    timeoutS: STORE_TIMEOUT_S,
  };
  assertExpectedStatuses(
    await load({ ...run, durationS: settings.warmupS }),
    `${api.name} (warm-up)`,
    store,
  );
  const results: LoadResult[] = [];
  for (let round = 1; round <= settings.rounds; round += 1) {
    const result = await load({ ...run, durationS: settings.durationS });
    assertExpectedStatuses(result, api.name, store);
    results.push(result);
    log(
      `  POST /v1/analyses · round ${round} · ${database}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
    );
  }
  const loaded = residentNow(pid);
  return {
    database,
    memory: [...idle].map(([process, idleMiB]) => ({
      process,
      idleMiB,
      loadedMiB: loaded.get(process) ?? Number.NaN,
    })),
    rps: median(results.map((result) => result.rps)),
    p50: median(results.map((result) => result.p50)),
    p99: median(results.map((result) => result.p99)),
    responses: results.reduce((sum, result) => sum + result.total, 0),
  };
}

/**
 * POST /v1/analyses on the embedded PGlite (in a data directory, as `pnpm start` keeps it) and on
 * a throwaway PostgreSQL cluster from Debian's package (skipped, with the reason, when it is
 * missing). Each API process and database is stopped and deleted before the next starts.
 */
export async function measureStorage(
  settings: StorageSettings,
  log: (line: string) => void,
): Promise<{ rows: StorageRow[]; notes: string[] }> {
  const rows: StorageRow[] = [];
  const notes: string[] = [];

  const dataDir = mkdtempSync(join(tmpdir(), 'textpulse-bench-data-'));
  const forgetDataDir = cleanUpOnExit(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const api = await startApi({ env: { DATA_DIR: dataDir }, name: 'TextPulse API on PGlite' });
    try {
      rows.push(await measure(api, EMBEDDED, settings, log));
    } finally {
      await api.stop();
    }
  } finally {
    forgetDataDir();
    rmSync(dataDir, { recursive: true, force: true });
  }

  let postgres: ThrowawayPostgres;
  try {
    postgres = await new ThrowawayPostgres().start();
  } catch (error) {
    if (!(error instanceof PostgresMissingError)) throw error;
    notes.push(`PostgreSQL skipped: ${error.message}.`);
    log(`  ${error.message}`);
    return { rows, notes };
  }
  const forget = cleanUpOnExit(() => postgres.stop());
  try {
    const api = await startApi({
      env: { DATABASE_URL: postgres.url },
      name: 'TextPulse API on PostgreSQL',
    });
    try {
      rows.push(await measure(api, 'PostgreSQL (default pool)', settings, log));
    } finally {
      await api.stop();
    }
  } finally {
    forget();
    postgres.stop();
  }
  return { rows, notes };
}
