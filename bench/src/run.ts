import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BenchSettings, measureEverything } from './measure.js';
import { fullReport, readmeSummary } from './report.js';

/**
 * `pnpm bench`: the production API against the bare node:http floor and the seed's FastAPI
 * endpoint (same load, runs alternated), POST /v1/analyses on PGlite and on PostgreSQL,
 * POST /v1/prompt/stream (first event, events per second), micro-benchmarks, and the web app's
 * first-load JS.
 * Measures (measure.ts), then reports (report.ts): prints every figure and writes
 * bench/results/latest.md and the README's Performance summary (the headline and the verdicts).
 * Not part of the test run. Fails, writing nothing, when an answer breaks openapi.json, when the
 * floor answers otherwise than the API, or when any response under load has another status than
 * its path expects.
 *
 * Knobs (environment): BENCH_CONNECTIONS (50), BENCH_DURATION_S per run (10), BENCH_WARMUP_S per
 * target and path (3), BENCH_ROUNDS (3), BENCH_MICRO_MS per micro-benchmark (1000). Short runs
 * for development: BENCH_DURATION_S=2 BENCH_WARMUP_S=1 BENCH_ROUNDS=1 BENCH_MICRO_MS=200.
 */
const settings: BenchSettings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationS: Number(process.env.BENCH_DURATION_S ?? 10),
  warmupS: Number(process.env.BENCH_WARMUP_S ?? 3),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  microMs: Number(process.env.BENCH_MICRO_MS ?? 1000),
};

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

try {
  const measured = await measureEverything(settings, (line = '') => console.log(line));
  const target = fileURLToPath(new URL('../results/latest.md', import.meta.url));
  writeFileSync(target, fullReport(measured));
  updateReadme(readmeSummary(measured));
  spawnSync(
    fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url)),
    ['format', '--write', target, README],
    { stdio: 'ignore' },
  );
  console.log(`\n${readFileSync(target, 'utf8')}`);
  console.log(`Wrote ${target} and the Performance summary of ${README}`);
} catch (error) {
  console.error(`\nBENCHMARK FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
