import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { INVALID_BODY, VALID_BODY } from './fixtures.js';
import { startApi } from './servers.js';

/**
 * `pnpm soak`: the production API under 100 connections of mixed valid and invalid requests for
 * 60 s, after a 10 s warm-up at the same load. Prints requests, non-2xx by status, errors, p99 and
 * the server's RSS; exits 1 when it misses the target (no connection errors, no 5xx, RSS growth
 * under 20 % from the warmed-up baseline).
 */
const connections = Number(process.env.SOAK_CONNECTIONS ?? 100);
const durationS = Number(process.env.SOAK_DURATION_S ?? 60);
const warmupS = Number(process.env.SOAK_WARMUP_S ?? 10);

const json = { 'content-type': 'application/json' };
// No malformed JSON here: Fastify closes the connection after a body it cannot parse (the client
// may still be sending), so those requests would measure reconnects. The bad-input tests cover them.
const requests: autocannon.Request[] = [
  { method: 'POST', path: '/v1/analyze', headers: json, body: VALID_BODY },
  { method: 'POST', path: '/v1/analyze', headers: json, body: INVALID_BODY },
  {
    method: 'POST',
    path: '/v1/prompt',
    headers: json,
    body: JSON.stringify({ prompt: 'Summarize: the release is fast, but the docs are thin.' }),
  },
  {
    method: 'POST',
    path: '/v1/prompt',
    headers: json,
    body: JSON.stringify({ prompt: 'short', models: [] }),
  },
  { method: 'GET', path: '/v1/health' },
];

const rssMiB = (pid: number | undefined) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
};

const run = (url: string, duration: number) =>
  autocannon({ url, connections, duration, requests, timeout: 10 });

const api = await startApi();
try {
  const idle = rssMiB(api.pid);
  console.log(
    `Soak: ${connections} connections, ${warmupS} s warm-up then ${durationS} s, mixed requests against ${api.url}`,
  );
  await run(api.url, warmupS);
  const baseline = rssMiB(api.pid);
  const result = await run(api.url, durationS);
  const end = rssMiB(api.pid);

  const byStatus = Object.entries(result.statusCodeStats ?? {})
    .map(([status, stats]) => `${status}: ${stats.count}`)
    .join(', ');
  const fiveXx = result['5xx'];
  const connectionErrors = result.errors + result.timeouts;
  const growth = (end - baseline) / baseline;
  const lines = [
    `requests: ${result.requests.total} (${result.requests.average.toFixed(0)} req/s)`,
    `by status: ${byStatus}`,
    `non-2xx: ${result.non2xx}, 5xx: ${fiveXx}`,
    `connection errors: ${result.errors}, timeouts: ${result.timeouts}`,
    `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    `RSS: ${idle.toFixed(1)} MiB idle, ${baseline.toFixed(1)} MiB after warm-up, ${end.toFixed(1)} MiB at the end (${(growth * 100).toFixed(1)} %)`,
  ];
  for (const line of lines) console.log(`  ${line}`);
  const pass = connectionErrors === 0 && fiveXx === 0 && growth < 0.2;
  console.log(
    pass ? 'PASS: no connection errors, no 5xx, RSS growth under 20 %' : 'MISS: see above',
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  await api.stop();
}
