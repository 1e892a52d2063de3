import { cpuMsOf } from './cpu.js';
import {
  type ProfiledPart,
  type ProfileGroups,
  partsBeside,
  profileShares,
} from './cpu-profile.js';
import { VALID_BODY } from './fixtures.js';
import { assertExpectedStatuses, load } from './load.js';
import { RuntimeProbe } from './probe.js';
import type { LoadSettings } from './scaling.js';
import { startApi, startBare, type Target } from './servers.js';

/** Where the API's CPU goes beside the floor's, for the same valid request under the same load. */
export interface ApiProfile {
  apiRequests: number;
  floorRequests: number;
  apiCpuUs: number;
  floorCpuUs: number;
  parts: ProfiledPart[];
}

/**
 * The parts of the API and of the floor a sample is given to: the nearest frame of one of them
 * up its stack. Our own modules as built (apps/api/dist, packages/<name>/dist), libraries by
 * their folder in node_modules.
 */
export const API_PARTS: ProfileGroups = [
  ['the analysis (@textpulse/analysis, compromise)', /packages\/analysis\/dist|\/compromise\//],
  ['request gate and schemas (@textpulse/http, zod)', /packages\/(http|contracts)\/dist|\/zod\//],
  [
    'rate limit (@fastify/rate-limit, its store)',
    /@fastify\/rate-limit|toad-cache|rate-limit-store/,
  ],
  ['access log (pino, logging.ts)', /\/pino|sonic-boom|fast-redact|common\/http\/logging/],
  ['CORS (@fastify/cors, cors.ts)', /@fastify\/cors|common\/http\/cors/],
  [
    'security headers and client address (helmet, security.ts)',
    /\/helmet\/|common\/http\/security/,
  ],
  ['request ids (request-id.ts)', /common\/http\/request-id/],
  ['authentication hook (anonymous here)', /apps\/api\/dist\/auth\//],
  ['contract hooks: gate call, response check (common/contract)', /common\/contract\//],
  ['problem answers and client errors (common/problems)', /common\/problems\/|client-errors/],
  ['Nest (core, platform-fastify, rxjs)', /@nestjs\/|\/rxjs\//],
  [
    'Fastify (routing, hooks, reply, serialization)',
    /\/fastify\/|find-my-way|fast-json-stringify|avvio|@fastify\//,
  ],
  ['the rest of the API (apps/api/dist)', /apps\/api\/dist/],
  ["the floor's handler (bare-server.ts)", /bare-server\.ts/],
];

export const NODE_ITSELF = 'Node itself: HTTP parsing, sockets, streams, the event loop';

/**
 * A CPU profile of the production API and of the bare floor, each alone, under the headline's
 * load (the valid request, `settings.connections` connections, after a warm-up): each part's share
 * of the samples, times the CPU the process spent per request in a run of the same length just
 * before, without the profiler.
 */
export async function measureApiProfile(
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<ApiProfile> {
  const profiled = [];
  for (const start of [startApi, startBare]) {
    const probe = new RuntimeProbe({ profile: true });
    let target: Target | undefined;
    try {
      target = await start({ nodeArgs: probe.nodeArgs, env: probe.env });
      const options = {
        url: `${target.url}/v1/analyze`,
        body: VALID_BODY,
        expect: 200,
        connections: settings.connections,
      };
      const path = { name: 'valid (200)', body: VALID_BODY, expect: 200 };
      assertExpectedStatuses(
        await load({ ...options, durationS: settings.warmupS }),
        `${target.name} (warm-up)`,
        path,
      );
      // The CPU per request without the profiler, whose own sampling it would add; then the
      // profile, for each part's share of it.
      const cpuBefore = cpuMsOf(target.pid);
      const result = await load({ ...options, durationS: settings.durationS });
      const cpuUsPerRequest = ((cpuMsOf(target.pid) - cpuBefore) * 1000) / result.total;
      assertExpectedStatuses(result, target.name, path);
      await probe.read(target.pid);
      assertExpectedStatuses(
        await load({ ...options, durationS: settings.durationS }),
        `${target.name} (profiled)`,
        path,
      );
      await probe.read(target.pid);
      profiled.push({
        requests: result.total,
        cpuUsPerRequest,
        shares: profileShares(probe.profile(), API_PARTS, NODE_ITSELF),
      });
      log(
        `  ${target.name}: ${cpuUsPerRequest.toFixed(1)} µs CPU per request unprofiled, then profiled`,
      );
    } finally {
      await target?.stop();
      probe.dispose();
    }
  }
  const [api, floor] = profiled;
  if (!api || !floor) throw new Error('A profile is missing');
  return {
    apiRequests: api.requests,
    floorRequests: floor.requests,
    apiCpuUs: api.cpuUsPerRequest,
    floorCpuUs: floor.cpuUsPerRequest,
    parts: partsBeside(api, floor),
  };
}
