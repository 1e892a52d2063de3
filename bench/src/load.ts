import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Responses that did not have the expected status class, plus connection errors and timeouts. */
  unexpected: number;
  total: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  expect: '2xx' | '4xx';
  connections: number;
  durationS: number;
}

/**
 * wrk when installed (Debian's `wrk`: a C load generator that leaves the CPU to the servers on a
 * small machine), autocannon otherwise (pure JavaScript: on 2 cores it becomes the bottleneck).
 */
export const loadGenerator: 'wrk' | 'autocannon' =
  spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined ? 'wrk' : 'autocannon';

/** One run of POST `url` with a JSON body. */
export function load(options: LoadOptions): Promise<LoadResult> {
  return loadGenerator === 'wrk' ? loadWithWrk(options) : loadWithAutocannon(options);
}

async function loadWithAutocannon(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: options.body,
    connections: options.connections,
    duration: options.durationS,
  });
  const total = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const expected = options.expect === '2xx' ? result['2xx'] : result['4xx'];
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    unexpected: total - expected + result.errors + result.timeouts,
    total,
  };
}

const milliseconds = (value: string, unit: string) =>
  Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit] ?? Number.NaN);

async function loadWithWrk(options: LoadOptions): Promise<LoadResult> {
  const script = join(tmpdir(), `textpulse-wrk-${process.pid}.lua`);
  writeFileSync(
    script,
    [
      'wrk.method = "POST"',
      'wrk.headers["Content-Type"] = "application/json"',
      `wrk.body = ${JSON.stringify(options.body)}`,
    ].join('\n'),
  );
  const args = [
    '-t1',
    `-c${options.connections}`,
    `-d${options.durationS}s`,
    '--latency',
    '-s',
    script,
    options.url,
  ];
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${output}`);

  const percentile = (name: string) => {
    const match = new RegExp(`^\\s*${name}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    return match ? milliseconds(match[1] ?? '', match[2] ?? '') : Number.NaN;
  };
  const total = Number(/(\d+) requests in/.exec(output)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const errors = socketErrors
    ? socketErrors.slice(1).reduce((sum, count) => sum + Number(count), 0)
    : 0;
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    p50: percentile('50'),
    p99: percentile('99'),
    unexpected: (options.expect === '2xx' ? non2xx : total - non2xx) + errors,
    total,
  };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};
