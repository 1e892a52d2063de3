import { describe, expect, it } from 'vitest';
import { spreadOf } from './load.js';
import type { Measurements, Row } from './measure.js';
import { fullReport, readmeSummary, savingText, verdicts } from './report.js';

const API = 'TextPulse API (Nest + Fastify)';
const BARE = 'bare node:http';
const FASTAPI = 'FastAPI + uvicorn (1 worker, uvloop)';

const row = (target: string, path: Row['path'], rps: number, p99 = 10): Row => ({
  target,
  path,
  rps,
  p50: 5,
  p99,
  responses: rps * 30,
  cpuUs: 100,
});

/** A run as measure.ts would return it, with the figures each test sets. */
function measured(figures: Partial<Measurements> = {}): Measurements {
  return {
    settings: { connections: 50, durationS: 10, warmupS: 3, rounds: 3, microMs: 1000 },
    startedAt: new Date('2026-12-06T20:09:09.296Z'),
    machine: '2 × a test CPU, 24 GiB, Node v24.21.0, linux',
    loadAverageBefore: 0.5,
    loadGenerator: 'wrk',
    cores: 2,
    apiName: API,
    bareName: BARE,
    fastApiName: FASTAPI,
    rows: [
      row(API, 'valid (200)', 850, 15),
      row(BARE, 'valid (200)', 1000, 10),
      row(FASTAPI, 'valid (200)', 300),
      row(API, 'invalid (422)', 849),
      row(BARE, 'invalid (422)', 1000),
      row(FASTAPI, 'invalid (422)', 300),
    ],
    tail: [
      { target: API, rps: 2000, p50: 1, p99: 16 },
      { target: BARE, rps: 2000, p50: 1, p99: 10 },
    ],
    features: [],
    apiProfile: {
      apiRequests: 50000,
      floorRequests: 80000,
      apiCpuUs: 200,
      floorCpuUs: 130,
      parts: [
        {
          part: 'Node itself: HTTP parsing, sockets, streams, the event loop',
          us: 60,
          baselineUs: 55,
        },
        { part: 'Fastify (routing, hooks, reply, serialization)', us: 30, baselineUs: 0 },
        { part: 'access log (pino, logging.ts)', us: 20, baselineUs: 0 },
        { part: 'the analysis (@textpulse/analysis, compromise)', us: 50, baselineUs: 50 },
        { part: 'garbage collection', us: 25, baselineUs: 10 },
        { part: 'rate limit (@fastify/rate-limit, its store)', us: 15, baselineUs: 0 },
      ],
    },
    curve: [],
    worst: [],
    streaming: [],
    multiCore: [],
    storage: [],
    credentials: [
      { caller: 'anonymous', rps: 3000, p50: 10, p99: 20, cpuUs: 200 },
      {
        caller: 'with an API key (Authorization: Bearer)',
        rps: 300,
        p50: 100,
        p99: 200,
        cpuUs: 2450.5,
      },
    ],
    webTier: [
      { route: 'TextPulse web, POST /api/analyze', rps: 90, p50: 1, p99: 2, cpuMs: 2, apiCpuMs: 1 },
      { route: 'Next floor, POST /api/relay', rps: 100, p50: 1, p99: 2, cpuMs: 2, apiCpuMs: 1 },
    ],
    webSteps: {
      steps: [{ name: 'rate limit (rateLimited)', meanUs: 1.5, p99Us: 5 }],
      cpu: [
        { name: 'whole route handler (proxyRoute)', cpuUs: 450 },
        { name: 'bare relay (next-floor)', cpuUs: 220 },
        { name: 'API call with the typed client, answer checked (callApi)', cpuUs: 310 },
        { name: "API call with fetch, answer as text (the relay's)", cpuUs: 200 },
      ],
      profile: {
        requests: 2000,
        handlerCpuUs: 600,
        relayCpuUs: 350,
        parts: [
          {
            part: 'typed client (openapi-fetch) and its fetch (undici)',
            us: 150,
            baselineUs: 0,
          },
          { part: 'garbage collection', us: 70, baselineUs: 30 },
        ],
      },
    },
    micro: [],
    weights: [{ route: '/', files: 3, rawKiB: 400, gzipKiB: 120 }],
    lighthouse: [
      { route: '/analyze', score: 96, tbtMs: 150, lcpMs: 2100, runs: 3 },
      { route: '/prompt', score: 97, tbtMs: 230, lcpMs: 1900, runs: 3 },
    ],
    notes: ['Load from wrk (Debian package `wrk`), one thread.'],
    ...figures,
  };
}

const verdictOf = (m: Measurements, target: string) =>
  verdicts(m).find((verdict) => verdict.target === target);

describe('the verdicts of a run', () => {
  it('holds the API to 0.85× the floor: 0.85× passes, below misses', () => {
    const m = measured();
    expect(verdictOf(m, 'API ≥ 0.85× bare node:http, valid (200)')).toEqual({
      target: 'API ≥ 0.85× bare node:http, valid (200)',
      value: '0.85×',
      pass: true,
    });
    expect(verdictOf(m, 'API ≥ 0.85× bare node:http, invalid (422)')?.pass).toBe(false);
  });

  it('judges the tail at full load and at the same paced rate, the web tier and each route', () => {
    const m = measured();
    expect(verdictOf(m, 'API p99 ≤ 1.5× bare node:http p99, valid (200)')).toMatchObject({
      value: '1.50× (15 / 10 ms)',
      pass: true,
    });
    expect(
      verdictOf(m, 'API p99 ≤ 1.5× bare node:http p99, valid (200), same paced rate')?.pass,
    ).toBe(false);
    expect(verdictOf(m, 'web route handler ≥ 0.9× a bare relay route, valid (200)')).toMatchObject({
      value: '0.90×',
      pass: true,
    });
    expect(verdictOf(m, 'first-load JS of / ≤ 155 KiB gzip')?.pass).toBe(true);
  });

  it('leaves FastAPI and the first-load JS out when the run could not measure them', () => {
    const targets = verdicts(
      measured({ fastApiName: undefined, weights: 'Chromium is not installed' }),
    ).map((verdict) => verdict.target);
    expect(targets.filter((target) => /FastAPI|first-load/.test(target))).toEqual([]);
  });
});

describe('the report of a run', () => {
  it('gives the README the headline and every verdict, and links to latest.md for the rest', () => {
    const summary = readmeSummary(measured()).join('\n');
    expect(summary).toContain('Run 2026-12-06T20:09:09.296Z on 2 × a test CPU');
    expect(summary).toContain(`| ${API} | valid (200) | 850 | 5 | 15 | 100.0 |`);
    expect(summary).toContain('| API ≥ 0.85× bare node:http, valid (200) | 0.85× | PASS |');
    expect(summary).toContain('| API ≥ 0.85× bare node:http, invalid (422) | 0.85× | MISS |');
    expect(summary).toContain('[bench/results/latest.md](bench/results/latest.md)');
    expect(summary).not.toContain('Inside the Node processes');
  });

  it('writes every figure to latest.md, the headline first and the notes last', () => {
    const report = fullReport(measured());
    const headline = readmeSummary(measured()).slice(0, -2).join('\n');
    expect(report.startsWith(`# TextPulse benchmark results\n\n${headline}`)).toBe(true);
    for (const section of [
      'Inside the Node processes',
      'The production features, each left out in turn',
      '## Micro-benchmarks',
      '## Streaming: POST /v1/prompt/stream, local chain',
      '## Web: first-load JS per route',
    ]) {
      expect(report).toContain(section);
    }
    expect(report.trimEnd().endsWith('- Load from wrk (Debian package `wrk`), one thread.')).toBe(
      true,
    );
  });

  it("names the share of the requests each cause of the API's p99 touches", () => {
    const runtime = (gcCount: number) => ({
      seq: 1,
      loop: { p50: 1, p99: 2, max: 5 },
      gc: { count: gcCount, majors: 1, totalMs: 60, maxMs: 4 },
      heapMiB: 40,
      acceptMs: 30,
      handlingP99Ms: 3,
    });
    const m = measured();
    m.rows = m.rows.map((r) =>
      r.path === 'valid (200)' && r.target !== FASTAPI
        ? { ...r, runtime: runtime(r.target === API ? 40 : 10) }
        : r,
    );
    const report = fullReport(m);
    expect(report).toContain(
      'Only the first request on each connection waits for that: 50 of about 8500 requests in the round (0.59 %).',
    );
    expect(report).toContain(
      '(3) Garbage collection: 40 pauses in the round (1 of them major), 60 ms in all, the longest 4.0 ms; a pause delays at most the 50 requests in flight, so at most 2000 of about 8500 requests in the round (23.53 %).',
    );
  });

  it('prints a saving with its interquartile range, and one smaller than that range as noise', () => {
    expect(spreadOf([1, 2, 3, 4, 5])).toEqual({ q1: 2, median: 3, q3: 4 });
    expect(savingText(spreadOf([20, 22, 23, 24, 30]))).toBe('23.0 (22.0 to 24.0)');
    expect(savingText(spreadOf([-9, -2, 1, 6, 12]))).toBe('1.0 (-2.0 to 6.0): within the noise');
    expect(savingText(spreadOf([-30, -12, -10, -8, 5]))).toBe('-10.0 (-12.0 to -8.0)');
  });

  it("judges the embedded default's storage tail and idle memory, and prints each process's memory", () => {
    const embedded = {
      database: 'PGlite (DATA_DIR on disk)',
      rps: 400,
      p50: 100,
      p99: 290,
      responses: 8000,
      memory: [
        { process: 'API', idleMiB: 230, loadedMiB: 260 },
        { process: 'embedded database', idleMiB: 190, loadedMiB: 240 },
      ],
    };
    const m = measured({ storage: [embedded] });
    expect(verdicts(m)).toEqual(
      expect.arrayContaining([
        {
          target: 'embedded storage load, p99 ≤ 3× p50',
          value: '2.90× (290 / 100 ms)',
          pass: true,
        },
        {
          target: 'API resident memory, idle, embedded default ≤ 250 MB',
          value: '241 MB',
          pass: true,
        },
      ]),
    );
    const tooSlow = measured({
      storage: [
        { ...embedded, p99: 310, memory: [{ process: 'API', idleMiB: 240, loadedMiB: 250 }] },
      ],
    });
    expect(
      verdicts(tooSlow)
        .filter((verdict) => !verdict.pass)
        .map((verdict) => verdict.target),
    ).toEqual(
      expect.arrayContaining([
        'embedded storage load, p99 ≤ 3× p50',
        'API resident memory, idle, embedded default ≤ 250 MB',
      ]),
    );
    expect(fullReport(m)).toContain(
      '| PGlite (DATA_DIR on disk) | embedded database | 190 | 240 |',
    );
  });

  it('judges each page by its Lighthouse score and total blocking time', () => {
    const lighthouse = verdicts(measured()).filter((verdict) =>
      verdict.target.startsWith('Lighthouse'),
    );
    expect(lighthouse).toEqual([
      {
        target: 'Lighthouse performance, mobile, /analyze ≥ 95, TBT ≤ 200 ms',
        value: '96 (TBT 150 ms, LCP 2.1 s)',
        pass: true,
      },
      {
        target: 'Lighthouse performance, mobile, /prompt ≥ 95, TBT ≤ 200 ms',
        value: '97 (TBT 230 ms, LCP 1.9 s)',
        pass: false,
      },
    ]);
    expect(fullReport(measured())).toContain('| /analyze | 96 | 150 | 2.1 | 3 |');
  });

  it('prints what checking each kind of credential costs beyond an anonymous request', () => {
    const report = fullReport(measured());
    expect(report).toContain('| anonymous | 3000 | 10 | 20 | 200.0 | – |');
    expect(report).toContain(
      '| with an API key (Authorization: Bearer) | 300 | 100 | 200 | 2450.5 | 2250.5 |',
    );
  });

  it("names the parts of the API's profile that make most of its difference from the floor's", () => {
    const report = fullReport(measured());
    expect(report).toContain(
      'The API spends 70 µs more per request than the floor; the parts that differ most: Fastify (routing, hooks, reply, serialization) +30 µs, access log (pino, logging.ts) +20 µs, garbage collection +15 µs, rate limit (@fastify/rate-limit, its store) +15 µs.',
    );
    expect(report).toContain('| Fastify (routing, hooks, reply, serialization) | 30 | 0 |');
    expect(report).toContain('| Part | API µs/request | floor µs/request |');
  });

  it("prints what the web handler spends beyond the bare relay, each step, and its profile's parts", () => {
    const report = fullReport(measured());
    expect(report).toContain(
      'the handler spends 230 µs of CPU per request more than the bare relay, and its API call with the typed client (openapi-fetch, the answer parsed and checked) 110 µs more',
    );
    expect(report).toContain('| rate limit (rateLimited) | 1.5 | 5.0 |');
    expect(report).toContain('| typed client (openapi-fetch) and its fetch (undici) | 150 | 0 |');
    expect(report).toContain('| garbage collection | 70 | 30 |');
  });
});
