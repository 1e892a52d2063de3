import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpuMsOf } from './cpu.js';
import { VALID_BODY } from './fixtures.js';
import {
  assertExpectedStatuses,
  type LoadResult,
  load,
  median,
  type Spread,
  spreadOf,
} from './load.js';
import type { LoadSettings } from './scaling.js';
import { startApi, startBare, startPlainFastify } from './servers.js';

export interface FeatureRow {
  variant: string;
  rps: number;
  p50: number;
  p99: number;
  /** CPU time the server spent per request, in µs (median of the rounds). */
  cpuUs: number;
  /**
   * The CPU per request this variant spends less than every feature on, round by round (each
   * round measures every variant once, so the two figures of a round met the same machine).
   */
  saving?: Spread;
}

/** The browser origin the API allows by default: every request carries it, so CORS does its work. */
const ORIGIN = 'http://localhost:3000';

export const FEATURES_ON = 'every feature on (as in production)';

export const TRACING_ON = 'every feature on, tracing and metrics on (OTLP)';

/** How the A/B table names each of the API's features; one not named here keeps its own name. */
const FEATURE_NAMES: Record<string, string> = {
  'rate-limit': 'the rate limit',
  'request-id': 'request ids',
  'security-headers': 'security headers',
  cors: 'CORS',
  'response-check': 'the response check',
};

/**
 * An OpenTelemetry collector that takes every export (OTLP/HTTP, protobuf as production sends it)
 * and drops it, in this process: what the API pays for tracing is then its own work only.
 */
async function startOtlpSink(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/**
 * The API as production runs it (NODE_ENV=production, LOG_LEVEL=info: one access-log line per
 * request, OpenTelemetry off), the same with tracing and metrics exported to `collector`, then
 * built without one feature at a time — each of FEATURES in apps/api/src/features.ts, as built,
 * through src/api-without.mjs; the access log with LOG_LEVEL=warn — then without all of them.
 */
async function variants(
  collector: string,
): Promise<{ variant: string; without?: string[]; env?: Record<string, string> }[]> {
  const built = '../../apps/api/dist/features.js';
  const { FEATURES } = (await import(built)) as { FEATURES: readonly string[] };
  return [
    { variant: FEATURES_ON },
    { variant: TRACING_ON, env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector } },
    ...FEATURES.map((feature) => ({
      variant: `without ${FEATURE_NAMES[feature] ?? feature}`,
      without: [feature],
    })),
    { variant: 'without the access log (LOG_LEVEL=warn)', env: { LOG_LEVEL: 'warn' } },
    { variant: 'without all of them', without: ['all'], env: { LOG_LEVEL: 'warn' } },
  ];
}

const BARE_VARIANT = 'bare node:http (the floor)';
/** The same route and features on Fastify alone: its saving is what Nest costs. */
const PLAIN_FASTIFY_VARIANT = 'plain Fastify, every feature on (no Nest)';

/** Rounds of the A/B figures: at least five, so that each saving has quartiles. */
export const featureRounds = (rounds: number) => Math.max(rounds, 5);

/**
 * The A/B figures of the production features: POST /v1/analyze, valid, with an Origin header.
 * Each round starts, warms up, measures and stops every variant in turn, so that each runs alone
 * on the machine; the bare floor too, for the part no feature explains.
 */
export async function measureFeatures(
  settings: LoadSettings & { rounds: number },
  log: (line: string) => void,
): Promise<FeatureRow[]> {
  const path = { name: 'valid (200), with Origin', body: VALID_BODY, expect: 200 };
  const collector = await startOtlpSink();
  try {
    return await measureVariants(settings, log, path, collector.url);
  } finally {
    await collector.close();
  }
}

async function measureVariants(
  settings: LoadSettings & { rounds: number },
  log: (line: string) => void,
  path: { name: string; body: string; expect: number },
  collector: string,
): Promise<FeatureRow[]> {
  const starters = [
    ...(await variants(collector)).map(({ variant, without, env }) => ({
      variant,
      start: () =>
        startApi({ name: variant, ...(without ? { without } : {}), ...(env ? { env } : {}) }),
    })),
    { variant: PLAIN_FASTIFY_VARIANT, start: startPlainFastify },
    { variant: BARE_VARIANT, start: startBare },
  ];
  const runs = new Map<string, { result: LoadResult; cpuUs: number }[]>();
  for (let round = 1; round <= featureRounds(settings.rounds); round += 1) {
    for (const { variant, start } of starters) {
      const target = await start();
      try {
        const options = {
          url: `${target.url}/v1/analyze`,
          body: VALID_BODY,
          expect: 200,
          connections: settings.connections,
          headers: { origin: ORIGIN },
        };
        const warmUp = await load({ ...options, durationS: settings.warmupS });
        assertExpectedStatuses(warmUp, `${variant} (warm-up)`, path);
        const cpuBefore = cpuMsOf(target.pid);
        const result = await load({ ...options, durationS: settings.durationS });
        const cpuUs = ((cpuMsOf(target.pid) - cpuBefore) * 1000) / result.total;
        assertExpectedStatuses(result, variant, path);
        runs.set(variant, [...(runs.get(variant) ?? []), { result, cpuUs }]);
        log(
          `  round ${round} · ${variant}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${cpuUs.toFixed(1)} µs CPU per request`,
        );
      } finally {
        await target.stop();
      }
    }
  }
  const onRounds = (runs.get(FEATURES_ON) ?? []).map(({ cpuUs }) => cpuUs);
  return starters.map(({ variant }) => {
    const measured = runs.get(variant) ?? [];
    return {
      variant,
      rps: median(measured.map(({ result }) => result.rps)),
      p50: median(measured.map(({ result }) => result.p50)),
      p99: median(measured.map(({ result }) => result.p99)),
      cpuUs: median(measured.map(({ cpuUs }) => cpuUs)),
      ...(variant !== FEATURES_ON && {
        saving: spreadOf(
          measured.map(({ cpuUs }, round) => (onRounds[round] ?? Number.NaN) - cpuUs),
        ),
      }),
    };
  });
}
