import { describe, expect, it } from 'vitest';
import type { Measurements, Row } from './measure.js';
import { fullReport, readmeSummary, verdicts } from './report.js';

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
    curve: [],
    worst: [],
    streaming: [],
    multiCore: [],
    storage: [],
    webTier: [
      { route: 'TextPulse web, POST /api/analyze', rps: 90, p50: 1, p99: 2, cpuMs: 2, apiCpuMs: 1 },
      { route: 'Next floor, POST /api/relay', rps: 100, p50: 1, p99: 2, cpuMs: 2, apiCpuMs: 1 },
    ],
    micro: [],
    weights: [{ route: '/', files: 3, rawKiB: 400, gzipKiB: 120 }],
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
});
