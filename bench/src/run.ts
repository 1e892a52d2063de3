import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { assertSameAnswers, checkAnswers } from './conformance.js';
import { cpuMsOf } from './cpu.js';
import { FEATURES_ON, type FeatureRow, measureFeatures } from './features.js';
import { ANALYZE_PATHS, ANSWER_SAMPLE } from './fixtures.js';
import { assertExpectedStatuses, type LoadResult, load, loadGenerator, median } from './load.js';
import { ENTITIES_300, ENTITIES_5000, type MicroResult, runMicro } from './micro.js';
import { RuntimeProbe, type RuntimeReading } from './probe.js';
import {
  CURVE_CONNECTIONS,
  type CurveRow,
  type MultiCoreRow,
  measureMultiCore,
  measureSizeCurve,
} from './scaling.js';
import { startApi, startBare, startFastApi, startWeb, type Target } from './servers.js';
import { measureStorage, type StorageRow } from './storage.js';
import { measureStreaming, type StreamRow } from './streaming.js';
import { measurePacedTail, PAUSE_MS, type TailRow } from './tail.js';
import { FIRST_LOAD_BUDGET, measureFirstLoad, type RouteWeight } from './web.js';
import { measureWebTier, WEB_TIER_CONNECTIONS, type WebTierRow } from './web-tier.js';
import { measureWorstCases, type WorstCaseRow } from './worst-case.js';

/**
 * `pnpm bench`: the production API against the bare node:http floor and the seed's FastAPI
 * endpoint (same load, runs alternated), POST /v1/analyses on PGlite and on PostgreSQL,
 * POST /v1/prompt/stream (first event, events per second), micro-benchmarks, and the web app's
 * first-load JS.
 * Prints every figure and writes bench/results/latest.md and the README's Performance figures.
 * Not part of the test run. Fails, writing nothing, when an answer breaks openapi.json, when the
 * floor answers otherwise than the API, or when any response under load has another status than
 * its path expects.
 *
 * Knobs (environment): BENCH_CONNECTIONS (50), BENCH_DURATION_S per run (10), BENCH_WARMUP_S per
 * target and path (3), BENCH_ROUNDS (3), BENCH_MICRO_MS per micro-benchmark (1000). Short runs
 * for development: BENCH_DURATION_S=2 BENCH_WARMUP_S=1 BENCH_ROUNDS=1 BENCH_MICRO_MS=200.
 */
const settings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationS: Number(process.env.BENCH_DURATION_S ?? 10),
  warmupS: Number(process.env.BENCH_WARMUP_S ?? 3),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  microMs: Number(process.env.BENCH_MICRO_MS ?? 1000),
};

const paths = ANALYZE_PATHS;
/** Other processes' share of the CPUs: on a shared machine it explains noisy figures. */
const [loadAverageBefore = Number.NaN] = loadavg();

type PathName = (typeof paths)[number]['name'];

interface Row {
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

/** The targets whose process runs src/runtime-probe.mjs, by name. */
const probes = new Map<string, { probe: RuntimeProbe; pid: number | undefined }>();

const log = (line = '') => console.log(line);
const fixed = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

async function measureHttp(targets: Target[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const path of paths) {
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

interface Verdict {
  target: string;
  value: string;
  pass: boolean;
}

function verdicts(rows: Row[], api: string, bare: string, fastApi: string | undefined): Verdict[] {
  const find = (target: string, path: PathName) =>
    rows.find((row) => row.target === target && row.path === path);
  const list: Verdict[] = [];
  for (const path of paths) {
    const ours = find(api, path.name);
    const floor = find(bare, path.name);
    if (ours && floor) {
      const ratio = ours.rps / floor.rps;
      list.push({
        target: `API ≥ 0.85× bare node:http, ${path.name}`,
        value: `${fixed(ratio, 2)}×`,
        pass: ratio >= 0.85,
      });
    }
    const seed = fastApi ? find(fastApi, path.name) : undefined;
    if (ours && seed) {
      const ratio = ours.rps / seed.rps;
      list.push({
        target: `API ≥ 3× FastAPI, ${path.name}`,
        value: `${fixed(ratio, 2)}×`,
        pass: ratio >= 3,
      });
    }
  }
  const valid = find(api, 'valid (200)');
  const floorValid = find(bare, 'valid (200)');
  if (valid && floorValid) list.push(tailVerdict(valid.p99, floorValid.p99, 'valid (200)'));
  return list;
}

/** The tail target: the API's p99 within 1.5× the floor's, on the same load. */
function tailVerdict(apiP99: number, bareP99: number, load: string): Verdict {
  const ratio = apiP99 / bareP99;
  return {
    target: `API p99 ≤ 1.5× bare node:http p99, ${load}`,
    value: `${fixed(ratio, 2)}× (${apiP99} / ${bareP99} ms)`,
    pass: ratio <= 1.5,
  };
}

/**
 * What the API's p99 is made of, from this run's own figures: the time in the server against the
 * time waiting for it, and the two waits measured.
 */
function tailCause(rows: Row[], api: string, bare: string): string {
  const find = (target: string) =>
    rows.find((row) => row.target === target && row.path === 'valid (200)');
  const ours = find(api);
  const floor = find(bare);
  if (!ours?.runtime || !floor?.runtime) return '';
  const firstRequests = ours.rps * settings.durationS;
  return [
    `Where the API's p99 at ${settings.connections} connections goes (valid path, median round): ${ours.p99} ms at the client, of which the server spends at most ${fixed(ours.runtime.handlingP99Ms, 2)} ms (p99) between a request's arrival and its response; the rest is waiting, in two measured parts.`,
    `(1) The queue: each of the ${settings.connections} connections waits for the others' requests, so the wait grows with the CPU each request costs: ${fixed(ours.cpuUs)} µs on the API against ${fixed(floor.cpuUs)} µs on the floor (what each production feature adds is in the table below), and the API's p50 is ${fixed(ours.p50 / floor.p50, 2)}× the floor's.`,
    `(2) The start of each run: Node accepts one new connection per turn of its event loop while it serves the ones already open, so the ${settings.connections} connections a run opens at once took ${fixed(ours.runtime.acceptMs)} ms to be accepted by the API against ${fixed(floor.runtime.acceptMs)} ms by the floor. Only the first request on each connection waits for that: ${settings.connections} of about ${fixed(firstRequests)} requests in the round (${fixed((100 * settings.connections) / firstRequests, 2)} %), so it can make the maximum, not the p99.`,
    `Its event loop ran ${fixed(ours.runtime.loop.p99, 1)} ms late at p99 and ${fixed(ours.runtime.loop.max, 1)} ms at most, and its longest GC pause was ${fixed(ours.runtime.gc.maxMs, 1)} ms. At the same paced rate (below), no queue builds.`,
  ].join(' ');
}

/** The figures that explain the API's tail: the paced runs and the production features' A/B. */
interface TailFigures {
  apiName: string;
  bareName: string;
  tail: TailRow[];
  features: FeatureRow[];
}

/** What sets the paced tails apart, from the paced runs' own probe readings. */
function pacedCause([ours, floor]: TailRow[]): string {
  if (!ours?.runtime || !floor?.runtime) return '';
  return `At this rate the server is idle most of the time, so a slow response is one that met a pause: the API's requests spend ${fixed(ours.runtime.handlingP99Ms, 2)} ms in the server at p99 (the floor's ${fixed(floor.runtime.handlingP99Ms, 2)} ms), and it collects garbage ${ours.runtime.gc.count} times in the run against ${floor.runtime.gc.count} for the floor, since each request allocates more (its longest pause ${fixed(ours.runtime.gc.maxMs, 1)} ms, the floor's ${fixed(floor.runtime.gc.maxMs, 1)} ms). The p50 ratio, ${fixed(ours.p50 / floor.p50, 2)}×, is the extra work per request.`;
}

/** The HTTP part of the report: what the README's Performance section shows. */
function httpSummary(
  rows: Row[],
  { apiName, bareName, tail, features }: TailFigures,
  checks: Verdict[],
  storage: StorageRow[],
  curve: CurveRow[],
  multiCore: MultiCoreRow[],
  webTier: WebTierRow[],
): string[] {
  const probed = rows.filter((row) => row.runtime);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fixed(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
  return [
    `Run ${new Date().toISOString()} on ${machine}; 1-minute load average ${fixed(loadAverageBefore, 1)} before it started.`,
    `POST /v1/analyze with a 300-character English text (valid) and a too-short one (invalid), ${loadGenerator}, ${settings.connections} connections, ${settings.durationS} s per run after a ${settings.warmupS} s warm-up, ${settings.rounds} rounds alternated between targets; medians. Reproduce with \`pnpm bench\`.`,
    `All ${rows.reduce((sum, row) => sum + row.responses, 0)} measured responses had the expected status (200 valid, 422 invalid; any other status, connection error or timeout fails the run). Before the load, the API and the bare floor answered ${ANSWER_SAMPLE.length} sample requests alike, each as openapi.json declares.`,
    '',
    '| Target | Path | req/s | p50 ms | p99 ms | CPU µs/req |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.target} | ${row.path} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} | ${fixed(row.cpuUs, 1)} |`,
    ),
    '',
    '| Target | Value | Verdict |',
    '| --- | --- | --- |',
    ...checks.map(
      (check) => `| ${check.target} | ${check.value} | ${check.pass ? 'PASS' : 'MISS'} |`,
    ),
    '',
    'Inside the Node processes during their median round (`src/runtime-probe.mjs`: `monitorEventLoopDelay` at 5 ms resolution, and every garbage-collection pause from a `gc` PerformanceObserver): how late the event loop ran its timers, and how long the collector stopped it.',
    '',
    '| Target | Path | loop p50 ms | loop p99 ms | loop max ms | GC pauses | of them major | GC ms in all | longest GC ms | heap MiB | in server p99 ms | accepting the connections ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...probed.map(({ target, path, runtime: r }) =>
      r
        ? `| ${target} | ${path} | ${fixed(r.loop.p50, 1)} | ${fixed(r.loop.p99, 1)} | ${fixed(r.loop.max, 1)} | ${r.gc.count} | ${r.gc.majors} | ${fixed(r.gc.totalMs)} | ${fixed(r.gc.maxMs, 1)} | ${fixed(r.heapMiB, 1)} | ${fixed(r.handlingP99Ms, 2)} | ${fixed(r.acceptMs)} |`
        : '',
    ),
    '',
    tailCause(rows, apiName, bareName),
    '',
    `The same valid request at the same paced rate on both (${settings.connections} connections, each pausing ${PAUSE_MS} ms after every response, one ${settings.durationS} s run each):`,
    '',
    '| Target | req/s | p50 ms | p99 ms | in server p99 ms | GC pauses | longest GC ms | loop p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...tail.map(
      ({ target, rps, p50, p99, runtime: r }) =>
        `| ${target} | ${fixed(rps)} | ${p50} | ${p99} | ${r ? fixed(r.handlingP99Ms, 2) : '–'} | ${r?.gc.count ?? '–'} | ${r ? fixed(r.gc.maxMs, 1) : '–'} | ${r ? fixed(r.loop.p99, 1) : '–'} |`,
    ),
    '',
    pacedCause(tail),
    '',
    `The production features, each left out in turn (the API built without it by \`bench/src/api-without.mjs\`, or \`LOG_LEVEL=warn\` for the request log lines; NODE_ENV=production in every variant): the valid request with an allowed \`Origin\` header, so CORS does its work, ${settings.connections} connections, ${settings.rounds} rounds of ${settings.durationS} s alternated between the variants, all started at once; medians. "Saves" is the CPU per request the variant spends less than the API with every feature on: what that feature costs.`,
    '',
    '| API variant | req/s | p50 ms | p99 ms | CPU µs/req | saves µs/req |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...features.map((row) => {
      const on =
        features.find((candidate) => candidate.variant === FEATURES_ON)?.cpuUs ?? Number.NaN;
      const saves = row.variant === FEATURES_ON ? '–' : fixed(on - row.cpuUs, 1);
      return `| ${row.variant} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} | ${fixed(row.cpuUs, 1)} | ${saves} |`;
    }),
    '',
    `POST /v1/analyze on the API with texts of 100, 1,000 and 5,000 characters, ${CURVE_CONNECTIONS} connections (at 50, a 5,000-character text measures mostly the queue), one ${settings.durationS} s run each, a 10 s response timeout: the cost of the analysis growing with the text.`,
    '',
    '| Text | req/s | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    ...curve.map(
      (row) => `| ${row.chars} characters | ${fixed(row.rps)} | ${row.p50} | ${row.p99} |`,
    ),
    '',
    `Every core at work: the API as ${availableParallelism()} processes behind one port (Node's cluster) beside FastAPI with as many uvicorn workers, one ${settings.durationS} s run per path (the load generator shares the same cores).`,
    '',
    '| Target | Path | req/s | p50 ms | p99 ms |',
    '| --- | --- | ---: | ---: | ---: |',
    ...multiCore.map(
      (row) => `| ${row.target} | ${row.path} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} |`,
    ),
    '',
    `POST /v1/analyses (analyze and store the 300-character text), same load but a 10 s response timeout (PGlite, in the API's own thread, has kept writes waiting past 2 s); every one of the ${storage.reduce((sum, row) => sum + row.responses, 0)} measured responses a 201. Figures only, no target yet.`,
    '',
    '| Database | req/s | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    ...storage.map((row) => `| ${row.database} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} |`),
    '',
    `The web tier: the same valid request through the web app's validated route handler, a bare relay route and a JSON echo route in a minimal Next app of the same version (\`bench/next-floor\`), and to the API directly; ${WEB_TIER_CONNECTIONS} connections, one ${settings.durationS} s run each, with the CPU time each process spent per request (from /proc).`,
    '',
    '| Route | req/s | p50 ms | p99 ms | web CPU ms/req | API CPU ms/req |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...webTier.map((row) => {
      const serving = row.route.startsWith('TextPulse API') ? '–' : fixed(row.cpuMs, 2);
      const api = row.route.startsWith('TextPulse API')
        ? fixed(row.cpuMs, 2)
        : row.apiCpuMs === undefined
          ? '–'
          : fixed(row.apiCpuMs, 2);
      return `| ${row.route} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} | ${serving} | ${api} |`;
    }),
  ];
}

/** The web app's route handler against Next's own bare relay: what our work in the web tier costs. */
function webTierVerdict(rows: WebTierRow[]): Verdict {
  const rps = (prefix: string) =>
    rows.find((row) => row.route.startsWith(prefix))?.rps ?? Number.NaN;
  const ratio = rps('TextPulse web') / rps('Next floor, POST /api/relay');
  return {
    target: 'web route handler ≥ 0.9× a bare relay route, valid (200)',
    value: `${fixed(ratio, 2)}×`,
    pass: ratio >= 0.9,
  };
}

/** Each route's first-load JS against the web app's budget, which its browser tests enforce. */
function bundleVerdicts(weights: RouteWeight[]): Verdict[] {
  return weights.map((row) => ({
    target: `first-load JS of ${row.route} ≤ ${FIRST_LOAD_BUDGET.maxGzipKiB} KiB gzip`,
    value: `${fixed(row.gzipKiB, 1)} KiB`,
    pass: row.gzipKiB <= FIRST_LOAD_BUDGET.maxGzipKiB,
  }));
}

/** The entity-extraction targets of the security issue, against the micro-benchmarks. */
function entityVerdicts(micro: MicroResult[]): Verdict[] {
  return [
    { name: ENTITIES_300, limitMs: 1 },
    { name: ENTITIES_5000, limitMs: 10 },
  ].map(({ name, limitMs }) => {
    const meanMs = (micro.find((row) => row.name === name)?.meanUs ?? Number.NaN) / 1000;
    return {
      target: `${name} ≤ ${limitMs} ms mean`,
      value: `${fixed(meanMs, 2)} ms`,
      pass: meanMs <= limitMs,
    };
  });
}

function markdown(
  rows: Row[],
  figures: TailFigures,
  checks: Verdict[],
  storage: StorageRow[],
  curve: CurveRow[],
  multiCore: MultiCoreRow[],
  webTier: WebTierRow[],
  worst: WorstCaseRow[],
  streaming: StreamRow[],
  micro: MicroResult[],
  web: RouteWeight[] | string,
  notes: string[],
): string {
  const lines = [
    '# TextPulse benchmark results',
    '',
    ...httpSummary(rows, figures, checks, storage, curve, multiCore, webTier),
    '',
    '## Micro-benchmarks',
    '',
    '| Operation | mean µs | p99 µs | ops/s |',
    '| --- | ---: | ---: | ---: |',
    ...micro.map(
      (row) =>
        `| ${row.name} | ${fixed(row.meanUs, 2)} | ${fixed(row.p99Us, 2)} | ${fixed(row.opsPerS)} |`,
    ),
    '',
    '| Target | Value | Verdict |',
    '| --- | --- | --- |',
    ...entityVerdicts(micro).map(
      (check) => `| ${check.target} | ${check.value} | ${check.pass ? 'PASS' : 'MISS'} |`,
    ),
    '',
    'Entity extraction is compromise, the maintained JavaScript library that names people, places and organizations: its part-of-speech tagging of every term is nearly all of the time (the micro-benchmark row `compromise nlp(text) alone` against `extractEntities, 5000 chars`), and wink-nlp, the faster library the engine uses for sentiment, recognizes no people, places or organizations in its free English model. So the targets stay out of reach; what the API bounds instead is how long one request holds the CPU: texts are capped (5,000 / 8,000 characters), and the local model extracts a ≤ 500-character piece at a time, yielding between pieces and stopping when its attempt times out or its client leaves (the step row above is the most CPU an abandoned attempt spends).',
    '',
    '## The costliest requests the contract allows (one at a time, end to end)',
    '',
    '| Request | mean ms | worst ms |',
    '| --- | ---: | ---: |',
    ...worst.map((row) => `| ${row.request} | ${fixed(row.meanMs, 1)} | ${fixed(row.maxMs, 1)} |`),
    '',
    '## Streaming: POST /v1/prompt/stream, local chain',
    '',
    'Each stream read to its end through `@textpulse/api-client`, every event validated; times from sending the request (means over the streams).',
    '',
    '| Stream | open at once | streams | first event ms | first token ms | events/s per stream | events/s, all streams |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...streaming.map(
      (row) =>
        `| ${row.stream} | ${row.concurrency} | ${row.streams} | ${fixed(row.firstEventMs, 1)} | ${fixed(row.firstTokenMs, 1)} | ${fixed(row.eventsPerS)} | ${fixed(row.totalEventsPerS)} |`,
    ),
    '',
    'The first event (`attempt`) leaves as soon as the request is validated; the local model computes its whole reading before its first word, so the first token waits for that, and the words then follow as fast as the connection takes them.',
    '',
    '## Web: first-load JS per route (production build, as Chromium downloads it)',
    '',
    ...(typeof web === 'string'
      ? [web]
      : [
          '| Route | files | raw KiB | gzip KiB |',
          '| --- | ---: | ---: | ---: |',
          ...web.map(
            (row) =>
              `| ${row.route} | ${row.files} | ${fixed(row.rawKiB, 1)} | ${fixed(row.gzipKiB, 1)} |`,
          ),
        ]),
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ];
  return lines.join('\n');
}

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the README's Performance figures with this run's, between their markers. */
function updateReadme(summary: string[]): void {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  writeFileSync(
    README,
    `${readme.slice(0, start + START.length)}\n\n${summary.join('\n')}\n\n${readme.slice(end)}`,
  );
}

async function main(): Promise<void> {
  const started: Target[] = [];
  const disposables: RuntimeProbe[] = [];
  const notes = [
    loadGenerator === 'wrk'
      ? 'Load from wrk (Debian package `wrk`), one thread.'
      : 'Load from autocannon: on a 2-core machine it competes with the server for CPU, so the figures are client-bound; `sudo apt-get install -y wrk` gives server-bound figures.',
    'The API runs as production runs it (`pnpm start` with `NODE_ENV=production`): every feature on (helmet headers, request ids, CORS, the rate limit, validation and response parsing), an info-level log line per request written to a file, and a rate limit of 1,000,000,000 a minute, which the load never meets. The A/B table below leaves features out, each variant in the same production configuration.',
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
      `HTTP load: ${settings.rounds} rounds × ${targets.length} targets × ${paths.length} paths × ${settings.durationS} s…`,
    );
    const rows = await measureHttp(targets);
    const checks = verdicts(
      rows,
      api.name,
      bare.name,
      typeof fastApi === 'string' ? undefined : fastApi.name,
    );

    log(`The same paced rate on the API and the floor (${PAUSE_MS} ms between requests)…`);
    const tail = await measurePacedTail([api, bare], settings, log, async (target) => {
      const probed = probes.get(target.name);
      return probed?.probe.read(probed.pid);
    });
    const [pacedApi, pacedBare] = tail;
    if (pacedApi && pacedBare) {
      checks.push(tailVerdict(pacedApi.p99, pacedBare.p99, 'valid (200), same paced rate'));
    }

    log('The production features, each left out in turn…');
    const features = await measureFeatures(settings, log);
    const figures = { apiName: api.name, bareName: bare.name, tail, features };

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

    log(
      `The web tier: route handlers beside a minimal Next app's, ${WEB_TIER_CONNECTIONS} connections…`,
    );
    const webTier = await measureWebTier(settings, log);
    checks.push(webTierVerdict(webTier));

    log('Web first-load JS…');
    const web = await startWeb(api.url);
    started.push(web);
    const weights = await measureFirstLoad(web.url, FIRST_LOAD_BUDGET.routes);
    if (typeof weights !== 'string') checks.push(...bundleVerdicts(weights));

    const report = markdown(
      rows,
      figures,
      checks,
      storage.rows,
      curve,
      multiCore.rows,
      webTier,
      worst,
      streaming,
      micro,
      weights,
      notes,
    );
    const target = fileURLToPath(new URL('../results/latest.md', import.meta.url));
    writeFileSync(target, report);
    updateReadme(httpSummary(rows, figures, checks, storage.rows, curve, multiCore.rows, webTier));
    spawnSync(
      fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url)),
      ['format', '--write', target, README],
      { stdio: 'ignore' },
    );
    log();
    log(readFileSync(target, 'utf8'));
    log(`Wrote ${target} and the Performance section of ${README}`);
  } finally {
    await Promise.all(started.map((target) => target.stop()));
    for (const probe of disposables) probe.dispose();
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nBENCHMARK FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
