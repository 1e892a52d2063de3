import { spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopOnExit } from '@textpulse/processes';
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Responses by status code. */
  statuses: Record<number, number>;
  /** Connection errors and timeouts. */
  errors: number;
  /** What the errors were, as the load generator counts them ("connect 0, read 7, …"). */
  errorKinds?: string;
  /** Responses whose status was not the expected one, plus `errors`. */
  unexpected: number;
  total: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  /** The one status every response must have. */
  expect: number;
  connections: number;
  durationS: number;
  /** Seconds before a response counts as timed out (and fails the run); else the generator's default. */
  timeoutS?: number;
  /** Request headers beside Content-Type. */
  headers?: Record<string, string>;
  /**
   * Each connection waits this long after a response before its next request (wrk only): a
   * paced load, the same request rate for every target whatever its speed.
   */
  pauseMs?: number;
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
  if (options.pauseMs !== undefined) throw new Error('A paced load needs wrk');
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { ...options.headers, 'content-type': 'application/json' },
    body: options.body,
    connections: options.connections,
    duration: options.durationS,
    ...(options.timeoutS === undefined ? {} : { timeout: options.timeoutS }),
  });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [
      Number(code),
      stats?.count ?? 0,
    ]),
  );
  // autocannon's errors include its timeouts.
  return summarize(options.expect, statuses, result.errors, {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
  });
}

/** wrk's "814.00us", "1.20ms", "2.01s" in ms, to the µs (0.814, not 0.8140000000000001). */
const milliseconds = (value: string, unit: string) =>
  Math.round(Number(value) * ({ us: 1, ms: 1000, s: 1e6, m: 6e7 }[unit] ?? Number.NaN)) / 1000;

async function loadWithWrk(options: LoadOptions): Promise<LoadResult> {
  const script = join(tmpdir(), `textpulse-wrk-${process.pid}.lua`);
  writeFileSync(
    script,
    [
      'wrk.method = "POST"',
      'wrk.headers["Content-Type"] = "application/json"',
      ...Object.entries(options.headers ?? {}).map(
        ([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`,
      ),
      `wrk.body = ${JSON.stringify(options.body)}`,
      ...(options.pauseMs === undefined ? [] : [`function delay() return ${options.pauseMs} end`]),
      // Responses counted by status in each thread, printed by done() as "status <code> <count>".
      'local threads = {}',
      'function setup(thread) table.insert(threads, thread) end',
      'function init(args) statuses = {} end',
      'function response(status) statuses[status] = (statuses[status] or 0) + 1 end',
      'function done()',
      '  for _, thread in ipairs(threads) do',
      '    for code, count in pairs(thread:get("statuses")) do',
      '      io.write(string.format("status %d %d\\n", code, count))',
      '    end',
      '  end',
      'end',
    ].join('\n'),
  );
  const args = [
    '-t1',
    `-c${options.connections}`,
    `-d${options.durationS}s`,
    ...(options.timeoutS === undefined ? [] : ['--timeout', `${options.timeoutS}s`]),
    '--latency',
    '-s',
    script,
    options.url,
  ];
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  stopOnExit(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  rmSync(script);
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${output}`);

  const percentile = (name: string) => {
    const match = new RegExp(`^\\s*${name}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(output);
    return match ? milliseconds(match[1] ?? '', match[2] ?? '') : Number.NaN;
  };
  const statuses: Record<number, number> = {};
  for (const [, code, count] of output.matchAll(/^status (\d+) (\d+)$/gm)) {
    statuses[Number(code)] = Number(count);
  }
  const completed = Number(/^\s*(\d+) requests in /m.exec(output)?.[1] ?? Number.NaN);
  const counted = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  if (counted !== completed) {
    throw new Error(
      `wrk completed ${completed} requests but its script counted ${counted}: ${output}`,
    );
  }
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const errors = socketErrors
    ? socketErrors.slice(1).reduce((sum, count) => sum + Number(count), 0)
    : 0;
  const result = summarize(options.expect, statuses, errors, {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    p50: percentile('50'),
    p99: percentile('99'),
  });
  return socketErrors ? { ...result, errorKinds: socketErrors[0] } : result;
}

function summarize(
  expect: number,
  statuses: Record<number, number>,
  errors: number,
  figures: Pick<LoadResult, 'rps' | 'p50' | 'p99'>,
): LoadResult {
  const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    ...figures,
    statuses,
    errors,
    unexpected: total - (statuses[expect] ?? 0) + errors,
    total,
  };
}

/** "200: 51234, 500: 3" */
const formatStatuses = (statuses: Record<number, number>): string =>
  Object.entries(statuses)
    .map(([code, count]) => `${code}: ${count}`)
    .join(', ') || 'none';

/**
 * Throws unless every response of a run had the expected status, without connection errors or
 * timeouts, naming the target, the path and every status seen.
 */
export function assertExpectedStatuses(
  result: LoadResult,
  target: string,
  path: { name: string; expect: number },
): void {
  if (result.unexpected === 0 && result.total > 0) return;
  throw new Error(
    `${target}, ${path.name}: expected every response to be ${path.expect}; statuses seen: ${formatStatuses(result.statuses)}; connection errors and timeouts: ${result.errors}${result.errorKinds ? ` (${result.errorKinds})` : ''}`,
  );
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};

/** The middle half of `values`: its first and third quartiles (linear interpolation), and median. */
export interface Spread {
  q1: number;
  median: number;
  q3: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number) => {
    const position = (sorted.length - 1) * fraction;
    const below = sorted[Math.floor(position)] ?? Number.NaN;
    const above = sorted[Math.ceil(position)] ?? Number.NaN;
    return below + (above - below) * (position - Math.floor(position));
  };
  return { q1: at(0.25), median: median(sorted), q3: at(0.75) };
}
