import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { signUpCaller } from '@textpulse/processes';
import { type ApiProfile, measureApiProfile } from './api-profile.js';
import { assertSameAnswers, checkAnswers } from './conformance.js';
import { cpuMsOf } from './cpu.js';
import { type CredentialRow, measureCredentials } from './credentials.js';
import { type FeatureRow, measureFeatures } from './features.js';
import { ANALYZE_PATHS } from './fixtures.js';
import { LIGHTHOUSE_ROUTES, measureLighthouse, type PageScore } from './lighthouse.js';
import { assertExpectedStatuses, type LoadResult, load, loadGenerator, median } from './load.js';
import { type MicroResult, runMicro } from './micro.js';
import { RuntimeProbe, type RuntimeReading } from './probe.js';
import { type CurveRow, type MultiCoreRow, measureMultiCore, measureSizeCurve } from './scaling.js';
import { startApi, startBare, startFastApi, startWeb, type Target } from './servers.js';
import { measureStorage, type StorageRow } from './storage.js';
import { measureStreaming, type StreamRow } from './streaming.js';
import { measurePacedTail, PAUSE_MS, type TailRow } from './tail.js';
import { FIRST_LOAD_BUDGET, measureFirstLoad, type RouteWeight } from './web.js';
import {
  measureWebSteps,
  measureWebTier,
  WEB_TIER_CONNECTIONS,
  type WebSteps,
  type WebTierRow,
} from './web-tier.js';
import { measureWorstCases, type WorstCaseRow } from './worst-case.js';

/** How long and how hard `pnpm bench` loads each target (see run.ts for the knobs). */
export interface BenchSettings {
  connections: number;
  durationS: number;
  warmupS: number;
  rounds: number;
  microMs: number;
}

export type PathName = (typeof ANALYZE_PATHS)[number]['name'];

export interface Row {
  target: string;
  path: PathName;
  rps: number;
  p50: number;
  p99: number;
  /** Responses counted in the measured rounds, every one with the expected status. */
  responses: number;
  /** CPU time the server process spent per request, in µs (median of the rounds). */
  cpuUs: number;
  /** The event loop and the garbage collector during the median round, for probed targets. */
  runtime?: RuntimeReading;
}

/** Everything one `pnpm bench` measured, and where: what the report is written from. */
export interface Measurements {
  settings: BenchSettings;
  /** When the run started, and on what. */
  startedAt: Date;
  machine: string;
  /** Other processes' share of the CPUs before the run: on a shared machine it explains noise. */
  loadAverageBefore: number;
  loadGenerator: string;
  cores: number;
  apiName: string;
  bareName: string;
  /** The seed's FastAPI target, when Debian's packages for it are installed. */
  fastApiName: string | undefined;
  rows: Row[];
  tail: TailRow[];
  features: FeatureRow[];
  /** Where the API's CPU goes beside the floor's: parts of a CPU profile of each. */
  apiProfile: ApiProfile;
  curve: CurveRow[];
  worst: WorstCaseRow[];
  streaming: StreamRow[];
  multiCore: MultiCoreRow[];
  storage: StorageRow[];
  credentials: CredentialRow[];
  webTier: WebTierRow[];
  webSteps: WebSteps;
  micro: MicroResult[];
  /** Each route's first-load JS, or why it could not be measured. */
  weights: RouteWeight[] | string;
  /** Lighthouse's performance audit of each page, or why it could not run. */
  lighthouse: PageScore[] | string;
  /** What the reader of the figures should know about this run (load generator, skipped parts). */
  notes: string[];
}

export const fixed = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

type Log = (line?: string) => void;

/** The targets whose process runs src/runtime-probe.mjs, by name. */
type Probes = Map<string, { probe: RuntimeProbe; pid: number | undefined }>;

async function measureHttp(
  targets: Target[],
  settings: BenchSettings,
  probes: Probes,
  log: Log,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const path of ANALYZE_PATHS) {
    for (const target of targets) {
      const warmUp = await load({
        url: `${target.url}/v1/analyze`,
        body: path.body,
        expect: path.expect,
        connections: settings.connections,
        durationS: settings.warmupS,
      });
      assertExpectedStatuses(warmUp, `${target.name} (warm-up)`, path);
    }
    const runs = new Map<string, LoadResult[]>(targets.map((target) => [target.name, []]));
    const readings = new Map<string, RuntimeReading[]>(targets.map((target) => [target.name, []]));
    const cpu = new Map<string, number[]>(targets.map((target) => [target.name, []]));
    for (let round = 1; round <= settings.rounds; round += 1) {
      for (const target of targets) {
        const probed = probes.get(target.name);
        await probed?.probe.read(probed.pid);
        const cpuBefore = cpuMsOf(target.pid);
        const result = await load({
          url: `${target.url}/v1/analyze`,
          body: path.body,
          expect: path.expect,
          connections: settings.connections,
          durationS: settings.durationS,
        });
        const cpuUs = ((cpuMsOf(target.pid) - cpuBefore) * 1000) / result.total;
        const runtime = await probed?.probe.read(probed.pid);
        assertExpectedStatuses(result, target.name, path);
        runs.get(target.name)?.push(result);
        cpu.get(target.name)?.push(cpuUs);
        if (runtime) readings.get(target.name)?.push(runtime);
        log(
          `  ${path.name} · round ${round} · ${target.name}: ${fixed(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${runtime ? `; event loop p99 ${fixed(runtime.loop.p99, 1)} ms, max ${fixed(runtime.loop.max, 1)} ms; ${runtime.gc.count} GC pauses, ${fixed(runtime.gc.totalMs)} ms in all, longest ${fixed(runtime.gc.maxMs, 1)} ms` : ''}`,
        );
      }
    }
    for (const [target, results] of runs) {
      rows.push({
        target,
        path: path.name,
        rps: median(results.map((result) => result.rps)),
        p50: median(results.map((result) => result.p50)),
        p99: median(results.map((result) => result.p99)),
        responses: results.reduce((sum, result) => sum + result.total, 0),
        cpuUs: median(cpu.get(target) ?? []),
        ...medianReading(readings.get(target) ?? []),
      });
    }
  }
  return rows;
}

/** The reading of the round whose event-loop p99 is the median one. */
function medianReading(readings: RuntimeReading[]): { runtime?: RuntimeReading } {
  const sorted = [...readings].sort((a, b) => a.loop.p99 - b.loop.p99);
  const middle = sorted[Math.floor(sorted.length / 2)];
  return middle ? { runtime: middle } : {};
}

/**
 * Runs every measurement of `pnpm bench`, starting and stopping the servers it loads. Throws,
 * measuring nothing further, when an answer breaks openapi.json, when the floor answers otherwise
 * than the API, or when any response under load has another status than its path expects.
 */
export async function measureEverything(settings: BenchSettings, log: Log): Promise<Measurements> {
  const [loadAverageBefore = Number.NaN] = loadavg();
  const startedAt = new Date();
  const probes: Probes = new Map();
  const started: Target[] = [];
  const disposables: RuntimeProbe[] = [];
  const notes = [
    loadGenerator === 'wrk'
      ? 'Load from wrk (Debian package `wrk`), one thread.'
      : 'Load from autocannon: on a 2-core machine it competes with the server for CPU, so the figures are client-bound; `sudo apt-get install -y wrk` gives server-bound figures.',
    'The API runs as production runs it (`pnpm start` with `NODE_ENV=production`): every feature on (helmet headers, request ids, CORS, the rate limit, validation and response parsing), one info-level access-log line per request written to a file, and a rate limit of 1,000,000,000 a minute, which the load never meets. The A/B table below leaves features out, each variant in the same production configuration.',
    "The FastAPI endpoint is the seed article's: pydantic with the same limits, but a word-list sentiment and str.split(), less work than TextPulse does.",
  ];
  try {
    log(`Micro-benchmarks (${settings.microMs} ms each)…`);
    const micro = await runMicro(settings.microMs);
    for (const row of micro)
      log(`  ${row.name}: ${fixed(row.meanUs, 2)} µs mean, ${fixed(row.opsPerS)} ops/s`);

    log('Starting servers on 127.0.0.1…');
    const apiProbe = new RuntimeProbe();
    const bareProbe = new RuntimeProbe();
    disposables.push(apiProbe, bareProbe);
    const api = await startApi({ nodeArgs: apiProbe.nodeArgs, env: apiProbe.env });
    started.push(api);
    const bare = await startBare({ nodeArgs: bareProbe.nodeArgs, env: bareProbe.env });
    started.push(bare);
    probes.set(api.name, { probe: apiProbe, pid: api.pid });
    probes.set(bare.name, { probe: bareProbe, pid: bare.pid });
    const fastApi = await startFastApi();
    const targets = [api, bare];
    if (typeof fastApi === 'string') {
      log(`  ${fastApi}`);
      notes.push(fastApi);
    } else {
      started.push(fastApi);
      targets.push(fastApi);
    }
    const apiAnswers = await checkAnswers(api.name, api.url, true);
    const bareAnswers = await checkAnswers(bare.name, bare.url, true);
    assertSameAnswers(
      { name: api.name, answers: apiAnswers },
      { name: bare.name, answers: bareAnswers },
    );
    if (typeof fastApi !== 'string') await checkAnswers(fastApi.name, fastApi.url, false);
    log(
      `HTTP load: ${settings.rounds} rounds × ${targets.length} targets × ${ANALYZE_PATHS.length} paths × ${settings.durationS} s…`,
    );
    const rows = await measureHttp(targets, settings, probes, log);

    log(`The same paced rate on the API and the floor (${PAUSE_MS} ms between requests)…`);
    const tail = await measurePacedTail([api, bare], settings, log, async (target) => {
      const probed = probes.get(target.name);
      return probed?.probe.read(probed.pid);
    });

    log('The production features, each left out in turn…');
    const features = await measureFeatures(settings, log);

    log("Where the API's CPU goes: a CPU profile of the API and of the floor, each alone…");
    const apiProfile = await measureApiProfile(settings, log);

    log('Text sizes: 100, 1,000 and 5,000 characters…');
    const curve = await measureSizeCurve(settings);
    for (const row of curve) {
      log(
        `  ${row.chars} characters: ${fixed(row.rps)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms`,
      );
    }

    log('The costliest requests, one at a time…');
    const worst = await measureWorstCases(api.url, 20);
    for (const row of worst) {
      log(`  ${row.request}: ${fixed(row.meanMs, 1)} ms mean, ${fixed(row.maxMs, 1)} ms worst`);
    }

    log('Streaming: POST /v1/prompt/stream, local chain…');
    const streaming = await measureStreaming(api.url);
    for (const row of streaming) {
      log(
        `  ${row.stream}, ${row.concurrency} at once: first event ${fixed(row.firstEventMs, 1)} ms, first token ${fixed(row.firstTokenMs, 1)} ms, ${fixed(row.eventsPerS)} events/s per stream, ${fixed(row.totalEventsPerS)} events/s in all`,
      );
    }

    // The single-process servers rest while every core goes to the multi-process ones.
    log(
      `Every core: the API as ${availableParallelism()} processes, FastAPI with as many workers…`,
    );
    const multiCore = await measureMultiCore(availableParallelism(), settings, log);
    if (multiCore.note) notes.push(multiCore.note);

    log('Storage: POST /v1/analyses on PGlite and PostgreSQL…');
    const storage = await measureStorage(settings, log);
    notes.push(...storage.notes);

    log('Credentials: POST /v1/analyze anonymous, with an API key, with a session cookie…');
    const credentials = await measureCredentials(settings, log);

    log(
      `The web tier: route handlers beside a minimal Next app's, ${WEB_TIER_CONNECTIONS} connections…`,
    );
    const webTier = await measureWebTier(settings, log);
    log("The web handler's steps and CPU profile, in one process…");
    const webSteps = await measureWebSteps(api.url, settings.microMs);

    log('Web first-load JS…');
    const web = await startWeb(api.url);
    started.push(web);
    const weights = await measureFirstLoad(web.url, FIRST_LOAD_BUDGET.routes);

    log('Lighthouse, mobile profile…');
    const { cookie } = await signUpCaller(api.url);
    const lighthouse = await measureLighthouse(
      web.url,
      LIGHTHOUSE_ROUTES.map((route) => (route === '/history' ? { route, cookie } : { route })),
      log,
    );
    if (typeof lighthouse === 'string') notes.push(lighthouse);

    return {
      settings,
      startedAt,
      machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fixed(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`,
      loadAverageBefore,
      loadGenerator,
      cores: availableParallelism(),
      apiName: api.name,
      bareName: bare.name,
      fastApiName: typeof fastApi === 'string' ? undefined : fastApi.name,
      rows,
      tail,
      features,
      apiProfile,
      curve,
      worst,
      streaming,
      multiCore: multiCore.rows,
      storage: storage.rows,
      credentials,
      webTier,
      webSteps,
      micro,
      weights,
      lighthouse,
      notes,
    };
  } finally {
    await Promise.all(started.map((target) => target.stop()));
    for (const probe of disposables) probe.dispose();
  }
}
