import type { ApiProfile } from './api-profile.js';
import type { ProfiledPart } from './cpu-profile.js';
import { ANONYMOUS, type CredentialRow } from './credentials.js';
import { featureRounds } from './features.js';
import { ANALYZE_PATHS, ANSWER_SAMPLE } from './fixtures.js';
import { LIGHTHOUSE_TARGET, type PageScore } from './lighthouse.js';
import type { Spread } from './load.js';
import { fixed, type Measurements, type PathName } from './measure.js';
import { ENTITIES_300, ENTITIES_5000, type MicroResult } from './micro.js';
import { CURVE_CONNECTIONS, type LoadSettings } from './scaling.js';
import { EMBEDDED, type StorageRow } from './storage.js';
import { PAUSE_MS, type TailRow } from './tail.js';
import { FIRST_LOAD_BUDGET, type RouteWeight } from './web.js';
import { WEB_TIER_CONNECTIONS, type WebSteps, type WebTierRow } from './web-tier.js';

// What `pnpm bench` reports, from what it measured (measure.ts): every figure in
// bench/results/latest.md, the headline and the verdicts in the README.

const verdictTable = (list: Verdict[]): string[] => [
  '| Target | Value | Verdict |',
  '| --- | --- | --- |',
  ...list.map((check) => `| ${check.target} | ${check.value} | ${check.pass ? 'PASS' : 'MISS'} |`),
];

export interface Verdict {
  target: string;
  value: string;
  pass: boolean;
}

/** Every target the run is judged against, with its value and verdict. */
export function verdicts(m: Measurements): Verdict[] {
  const { rows, apiName: api, bareName: bare, fastApiName: fastApi } = m;
  const find = (target: string, path: PathName) =>
    rows.find((row) => row.target === target && row.path === path);
  const list: Verdict[] = [];
  for (const path of ANALYZE_PATHS) {
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
  const [pacedApi, pacedBare] = m.tail;
  if (pacedApi && pacedBare) {
    list.push(tailVerdict(pacedApi.p99, pacedBare.p99, 'valid (200), same paced rate'));
  }
  list.push(webTierVerdict(m.webTier));
  list.push(...storageVerdicts(m.storage));
  if (typeof m.weights !== 'string') list.push(...bundleVerdicts(m.weights));
  if (typeof m.lighthouse !== 'string') list.push(...m.lighthouse.map(lighthouseVerdict));
  return list;
}

/** The embedded default's targets: a storage load without stalls, and a small idle API. */
function storageVerdicts(storage: StorageRow[]): Verdict[] {
  const embedded = storage.find((row) => row.database === EMBEDDED);
  if (!embedded) return [];
  const ratio = embedded.p99 / embedded.p50;
  const api = embedded.memory.find((reading) => reading.process === 'API');
  return [
    {
      target: 'embedded storage load, p99 ≤ 3× p50',
      value: `${fixed(ratio, 2)}× (${embedded.p99} / ${embedded.p50} ms)`,
      pass: ratio <= 3,
    },
    {
      target: 'API resident memory, idle, embedded default ≤ 250 MB',
      value: `${fixed(((api?.idleMiB ?? Number.NaN) * 1024 * 1024) / 1e6)} MB`,
      pass: ((api?.idleMiB ?? Number.NaN) * 1024 * 1024) / 1e6 <= 250,
    },
  ];
}

/** Each caller's figures, and what its check costs beyond the anonymous request. */
function credentialRows(rows: CredentialRow[]): string[] {
  const anonymous = rows.find((row) => row.caller === ANONYMOUS)?.cpuUs ?? Number.NaN;
  return rows.map(
    (row) =>
      `| ${row.caller} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} | ${fixed(row.cpuUs, 1)} | ${row.caller === ANONYMOUS ? '–' : fixed(row.cpuUs - anonymous, 1)} |`,
  );
}

/** A page's Lighthouse target: the score and the total blocking time, mobile profile. */
function lighthouseVerdict(page: PageScore): Verdict {
  return {
    target: `Lighthouse performance, mobile, ${page.route} ≥ ${LIGHTHOUSE_TARGET.score}, TBT ≤ ${LIGHTHOUSE_TARGET.tbtMs} ms`,
    value: `${fixed(page.score)} (TBT ${fixed(page.tbtMs)} ms, LCP ${fixed(page.lcpMs / 1000, 1)} s)`,
    pass: page.score >= LIGHTHOUSE_TARGET.score && page.tbtMs <= LIGHTHOUSE_TARGET.tbtMs,
  };
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
 * time waiting for it, and each measured cause with the share of the requests it touches.
 */
function tailCause({ rows, apiName: api, bareName: bare, settings }: Measurements): string {
  const find = (target: string) =>
    rows.find((row) => row.target === target && row.path === 'valid (200)');
  const ours = find(api);
  const floor = find(bare);
  if (!ours?.runtime || !floor?.runtime) return '';
  const requests = ours.rps * settings.durationS;
  const share = (touched: number) =>
    `${fixed(Math.min(touched, requests))} of about ${fixed(requests)} requests in the round (${fixed((100 * Math.min(touched, requests)) / requests, 2)} %)`;
  const { gc } = ours.runtime;
  return [
    `Where the API's p99 at ${settings.connections} connections goes (valid path, median round): ${ours.p99} ms at the client, of which the server spends at most ${fixed(ours.runtime.handlingP99Ms, 2)} ms (p99) between a request's arrival and its response; the rest is waiting, in three measured parts.`,
    `(1) The queue: each of the ${settings.connections} connections waits for the others' requests, so the wait grows with the CPU each request costs: ${fixed(ours.cpuUs)} µs on the API against ${fixed(floor.cpuUs)} µs on the floor (what each production feature adds is in the table below), and the API's p50 is ${fixed(ours.p50 / floor.p50, 2)}× the floor's. It touches every request.`,
    `(2) The start of each run: Node accepts one new connection per turn of its event loop while it serves the ones already open, so the ${settings.connections} connections a run opens at once took ${fixed(ours.runtime.acceptMs)} ms to be accepted by the API against ${fixed(floor.runtime.acceptMs)} ms by the floor. Only the first request on each connection waits for that: ${share(settings.connections)}.`,
    `(3) Garbage collection: ${gc.count} pauses in the round (${gc.majors} of them major), ${fixed(gc.totalMs)} ms in all, the longest ${fixed(gc.maxMs, 1)} ms; a pause delays at most the ${settings.connections} requests in flight, so at most ${share(gc.count * settings.connections)}.`,
    'A cause that touches under 1 % of the requests can make the maximum, not the p99.',
    `Its event loop ran ${fixed(ours.runtime.loop.p99, 1)} ms late at p99 and ${fixed(ours.runtime.loop.max, 1)} ms at most. At the same paced rate (below), no queue builds.`,
  ].join(' ');
}

/** What sets the paced tails apart, from the paced runs' own probe readings. */
function pacedCause([ours, floor]: TailRow[]): string {
  if (!ours?.runtime || !floor?.runtime) return '';
  return `At this rate the server is idle most of the time, so a slow response is one that met a pause: the API's requests spend ${fixed(ours.runtime.handlingP99Ms, 2)} ms in the server at p99 (the floor's ${fixed(floor.runtime.handlingP99Ms, 2)} ms), and it collects garbage ${ours.runtime.gc.count} times in the run against ${floor.runtime.gc.count} for the floor, since each request allocates more (its longest pause ${fixed(ours.runtime.gc.maxMs, 1)} ms, the floor's ${fixed(floor.runtime.gc.maxMs, 1)} ms). The p50 ratio, ${fixed(ours.p50 / floor.p50, 2)}×, is the extra work per request.`;
}

/** The run, the API against its floor and FastAPI, and every verdict: the README's summary. */
export function headline(m: Measurements): string[] {
  const { rows, settings } = m;
  return [
    `Run ${m.startedAt.toISOString()} on ${m.machine}; 1-minute load average ${fixed(m.loadAverageBefore, 1)} before it started.`,
    `POST /v1/analyze with a 300-character English text (valid) and a too-short one (invalid), ${m.loadGenerator}, ${settings.connections} connections, ${settings.durationS} s per run after a ${settings.warmupS} s warm-up, ${settings.rounds} rounds alternated between targets; medians. Reproduce with \`pnpm bench\`.`,
    `All ${rows.reduce((sum, row) => sum + row.responses, 0)} measured responses had the expected status (200 valid, 422 invalid; any other status, connection error or timeout fails the run). Before the load, the API and the bare floor answered ${ANSWER_SAMPLE.length} sample requests alike, each as openapi.json declares.`,
    '',
    '| Target | Path | req/s | p50 ms | p99 ms | CPU µs/req |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.target} | ${row.path} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} | ${fixed(row.cpuUs, 1)} |`,
    ),
    '',
    ...verdictTable(verdicts(m)),
  ];
}

/** A saving with its interquartile range; one smaller than the range is within the noise. */
export function savingText({ q1, median, q3 }: Spread): string {
  const range = `${fixed(q1, 1)} to ${fixed(q3, 1)}`;
  return Math.abs(median) < q3 - q1
    ? `${fixed(median, 1)} (${range}): within the noise`
    : `${fixed(median, 1)} (${range})`;
}

/** What explains the headline: inside the processes, the tail, the features, sizes, cores, storage, the web tier. */
function details(m: Measurements): string[] {
  const { rows, tail, features, curve, multiCore, storage, webTier, settings } = m;
  const probed = rows.filter((row) => row.runtime);
  return [
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
    tailCause(m),
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
    `The production features, each left out in turn (the API built without it by \`bench/src/api-without.mjs\`, or \`LOG_LEVEL=warn\` for the access log; NODE_ENV=production in every variant): the valid request with an allowed \`Origin\` header, so CORS does its work, ${settings.connections} connections, ${featureRounds(settings.rounds)} rounds; each round starts, warms up (${settings.warmupS} s), measures (${settings.durationS} s) and stops every variant in turn, so each runs alone; medians. "Saves" is the CPU per request the variant spends less than the API with every feature on in the same round: what that feature costs, with the interquartile range over the rounds; a saving smaller than that spread is marked as within the noise. One row turns OpenTelemetry on, as \`OTEL_EXPORTER_OTLP_ENDPOINT\` does in production (traces and metrics over OTLP to a collector in the benchmark's process that drops them): its saving is below zero by what tracing costs; every other row has it off, the API's default, when no part of the SDK is loaded. Two rows are not the API: plain Fastify (\`bench/src/fastify-server.mjs\`, the same route, options and production features on Fastify alone, anonymous requests so without the authentication hook), whose saving is what Nest and that hook cost, and the bare \`node:http\` floor.`,
    '',
    '| API variant | req/s | p50 ms | p99 ms | CPU µs/req | saves µs/req (IQR) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...features.map(
      (row) =>
        `| ${row.variant} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} | ${fixed(row.cpuUs, 1)} | ${row.saving ? savingText(row.saving) : '–'} |`,
    ),
    '',
    ...apiProfileLines(m.apiProfile, settings),
    '',
    `POST /v1/analyze on the API with texts of 100, 1,000 and 5,000 characters, ${CURVE_CONNECTIONS} connections (at 50, a 5,000-character text measures mostly the queue), one ${settings.durationS} s run each, a 10 s response timeout: the cost of the analysis growing with the text.`,
    '',
    '| Text | req/s | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    ...curve.map(
      (row) => `| ${row.chars} characters | ${fixed(row.rps)} | ${row.p50} | ${row.p99} |`,
    ),
    '',
    `Every core at work: the API as ${m.cores} processes behind one port (Node's cluster) beside FastAPI with as many uvicorn workers, one ${settings.durationS} s run per path (the load generator shares the same cores).`,
    '',
    '| Target | Path | req/s | p50 ms | p99 ms |',
    '| --- | --- | ---: | ---: | ---: |',
    ...multiCore.map(
      (row) => `| ${row.target} | ${row.path} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} |`,
    ),
    '',
    `POST /v1/analyses (analyze and store the 300-character text), as one signed-up person with an API key (so each request also verifies the key), same load but a 10 s response timeout; every one of the ${storage.reduce((sum, row) => sum + row.responses, 0)} measured responses a 201. The embedded PGlite runs in a process of its own (\`apps/api/src/storage/embedded.ts\`), reached over a Unix socket, so its queries never stall the API's event loop.`,
    '',
    '| Database | req/s | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: |',
    ...storage.map((row) => `| ${row.database} | ${fixed(row.rps)} | ${row.p50} | ${row.p99} |`),
    '',
    'Resident memory of each process (MiB, from /proc): idle is after start-up and one stored analysis, loaded after the measured rounds.',
    '',
    '| Database | Process | idle MiB | loaded MiB |',
    '| --- | --- | ---: | ---: |',
    ...storage.flatMap((row) =>
      row.memory.map(
        (reading) =>
          `| ${row.database} | ${reading.process} | ${fixed(reading.idleMiB)} | ${fixed(reading.loadedMiB)} |`,
      ),
    ),
    '',
    `What checking credentials costs: POST /v1/analyze (public, but credentials sent with it are verified, for the rate limit's bucket) on one production API on its embedded database, ${settings.connections} connections, ${settings.rounds} rounds of ${settings.durationS} s alternated between the callers; the CPU is the API's and its database process's together.`,
    '',
    '| Caller | req/s | p50 ms | p99 ms | CPU µs/req | the check costs µs/req |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...credentialRows(m.credentials),
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
    '',
    ...webStepLines(m.webSteps),
  ];
}

/**
 * The web handler's own work without Next (src/web-steps.ts): its CPU beside the bare relay's,
 * each step alone, and where a CPU profile of it finds the time.
 */
export function webStepLines({ cpu, steps, profile }: WebSteps): string[] {
  const cpuOf = (prefix: string) =>
    cpu.find((row) => row.name.startsWith(prefix))?.cpuUs ?? Number.NaN;
  const handlerMore = cpuOf('whole route handler') - cpuOf('bare relay');
  const clientMore = cpuOf('API call with the typed client') - cpuOf('API call with fetch');
  return [
    `The web handler's own work, in one process without Next (\`src/web-steps.ts\`: the web app's server modules called as its route handler calls them, against the production API in its own process). In this process the handler spends ${fixed(handlerMore)} µs of CPU per request more than the bare relay, and its API call with the typed client (openapi-fetch, the answer parsed and checked) ${fixed(clientMore)} µs more than the relay's fetch; the steps that need no API cost a few µs each. 10 calls at a time, the median of three rounds taken in turn:`,
    '',
    '| Call | CPU µs/request |',
    '| --- | ---: |',
    ...cpu.map((row) => `| ${row.name} | ${fixed(row.cpuUs)} |`),
    '',
    '| Step alone | mean µs | p99 µs |',
    '| --- | ---: | ---: |',
    ...steps.map((row) => `| ${row.name} | ${fixed(row.meanUs, 1)} | ${fixed(row.p99Us, 1)} |`),
    '',
    `Where the CPU goes: CPU profiles of ${profile.requests} calls of the handler and of the bare relay, 10 at a time (${fixed(profile.handlerCpuUs)} and ${fixed(profile.relayCpuUs)} µs of CPU per request while profiled), each sample given to the nearest part up its stack; the work undici does when an answer arrives runs from the event loop, outside any of them.`,
    '',
    ...profileTable(['handler', 'bare relay'], profile.parts),
  ];
}

/**
 * Where the API's CPU goes beside the floor's (src/api-profile.ts): the parts of a CPU profile of
 * each, and the ones that make most of the difference.
 */
export function apiProfileLines(profile: ApiProfile, settings: LoadSettings): string[] {
  const gap = profile.apiCpuUs - profile.floorCpuUs;
  const largest = [...profile.parts]
    .sort((a, b) => b.us - b.baselineUs - (a.us - a.baselineUs))
    .slice(0, 4)
    .map((row) => `${row.part} +${fixed(row.us - row.baselineUs)} µs`);
  return [
    `Where the API's CPU goes beside the floor's (\`src/api-profile.ts\`): the valid request, ${settings.connections} connections, each server alone after a ${settings.warmupS} s warm-up; the CPU per request of a ${settings.durationS} s run without a profiler (${fixed(profile.apiCpuUs)} µs for the API, ${fixed(profile.floorCpuUs)} µs for the floor), shared among the parts as the samples of a CPU profile of the next ${settings.durationS} s share it (V8's sampling profiler inside the process, every 200 µs). A sample belongs to the nearest part up its stack, so a library counts for itself wherever it is called from, and Node's own work (HTTP parsing, sockets, streams) for no part of ours. The API spends ${fixed(gap)} µs more per request than the floor; the parts that differ most: ${largest.join(', ')}. The floor's own handler (\`bare-server.ts\`) reads the body, serializes the answer and writes it itself, work that Fastify does for the API, so read Fastify's row beside the floor handler's.`,
    '',
    ...profileTable(['API', 'floor'], profile.parts),
  ];
}

/** Two profiled programs' parts side by side, in µs of CPU per request. */
function profileTable([program, baseline]: [string, string], parts: ProfiledPart[]): string[] {
  return [
    `| Part | ${program} µs/request | ${baseline} µs/request |`,
    '| --- | ---: | ---: |',
    ...parts.map((row) => `| ${row.part} | ${fixed(row.us)} | ${fixed(row.baselineUs)} |`),
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

/** Every figure of the run: bench/results/latest.md. */
export function fullReport(m: Measurements): string {
  const { micro, worst, streaming, weights: web, notes } = m;
  const lines = [
    '# TextPulse benchmark results',
    '',
    ...headline(m),
    '',
    ...details(m),
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
    ...verdictTable(entityVerdicts(micro)),
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
    '## Web: Lighthouse, mobile profile (default simulated throttling)',
    '',
    ...(typeof m.lighthouse === 'string'
      ? [m.lighthouse]
      : [
          'Each page of the production build, audited for performance only; the median of the runs. `/history` as a signed-in person.',
          '',
          '| Page | score | TBT ms | LCP s | runs |',
          '| --- | ---: | ---: | ---: | ---: |',
          ...m.lighthouse.map(
            (page) =>
              `| ${page.route} | ${fixed(page.score)} | ${fixed(page.tbtMs)} | ${fixed(page.lcpMs / 1000, 1)} | ${page.runs} |`,
          ),
        ]),
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ];
  return lines.join('\n');
}

/** The README's Performance figures: the headline and the verdicts, and where the rest is. */
export function readmeSummary(m: Measurements): string[] {
  return [
    ...headline(m),
    '',
    "Every other figure of this run — inside the processes, the tail at the same paced rate, the production features left out in turn, text sizes, every core, storage and each process's memory, what checking credentials costs, the web tier, micro-benchmarks, the costliest requests, streaming, first-load JS, each page's Lighthouse figures — is in [bench/results/latest.md](bench/results/latest.md).",
  ];
}
