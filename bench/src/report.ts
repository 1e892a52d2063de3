import { FEATURES_ON } from './features.js';
import { ANALYZE_PATHS, ANSWER_SAMPLE } from './fixtures.js';
import { fixed, type Measurements, type PathName } from './measure.js';
import { ENTITIES_300, ENTITIES_5000, type MicroResult } from './micro.js';
import { CURVE_CONNECTIONS } from './scaling.js';
import { PAUSE_MS, type TailRow } from './tail.js';
import { FIRST_LOAD_BUDGET, type RouteWeight } from './web.js';
import { WEB_TIER_CONNECTIONS, type WebTierRow } from './web-tier.js';

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
  if (typeof m.weights !== 'string') list.push(...bundleVerdicts(m.weights));
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
function tailCause({ rows, apiName: api, bareName: bare, settings }: Measurements): string {
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
    `Every core at work: the API as ${m.cores} processes behind one port (Node's cluster) beside FastAPI with as many uvicorn workers, one ${settings.durationS} s run per path (the load generator shares the same cores).`,
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
    'Every other figure of this run — inside the processes, the tail at the same paced rate, the production features left out in turn, text sizes, every core, storage, the web tier, micro-benchmarks, the costliest requests, streaming, first-load JS — is in [bench/results/latest.md](bench/results/latest.md).',
  ];
}
