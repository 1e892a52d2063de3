import { signUpCaller } from '@textpulse/processes';
import { cpuMsOf } from './cpu.js';
import { VALID_BODY } from './fixtures.js';
import { assertExpectedStatuses, type LoadResult, load, median } from './load.js';
import type { LoadSettings } from './scaling.js';
import { startApi } from './servers.js';

export interface CredentialRow {
  caller: string;
  rps: number;
  p50: number;
  p99: number;
  /** CPU per request of the API and its embedded database together, in µs (median of the rounds). */
  cpuUs: number;
}

export const ANONYMOUS = 'anonymous';

/**
 * What checking a caller's credentials costs: POST /v1/analyze (public, so every caller gets the
 * same answer, but credentials sent with it are verified, for the rate limit's bucket) without
 * credentials, with an API key and with a session cookie, on one production API on its embedded
 * database, the rounds alternated between the three.
 */
export async function measureCredentials(
  settings: LoadSettings & { rounds: number },
  log: (line: string) => void,
): Promise<CredentialRow[]> {
  const api = await startApi({ name: 'TextPulse API, credentials' });
  try {
    const person = await signUpCaller(api.url);
    const callers: { caller: string; headers: Record<string, string> }[] = [
      { caller: ANONYMOUS, headers: {} },
      { caller: 'with an API key (Authorization: Bearer)', headers: person.headers },
      { caller: 'with a session cookie', headers: { cookie: person.cookie } },
    ];
    const path = { name: 'valid (200)', expect: 200 };
    const options = (headers: Record<string, string>) => ({
      url: `${api.url}/v1/analyze`,
      body: VALID_BODY,
      expect: 200,
      connections: settings.connections,
      headers,
    });
    for (const { caller, headers } of callers) {
      const warmUp = await load({ ...options(headers), durationS: settings.warmupS });
      assertExpectedStatuses(warmUp, `${caller} (warm-up)`, path);
    }
    const runs = new Map<string, { result: LoadResult; cpuUs: number }[]>();
    for (let round = 1; round <= settings.rounds; round += 1) {
      for (const { caller, headers } of callers) {
        const cpuBefore = cpuMsOf(api.pid);
        const result = await load({ ...options(headers), durationS: settings.durationS });
        const cpuUs = ((cpuMsOf(api.pid) - cpuBefore) * 1000) / result.total;
        assertExpectedStatuses(result, caller, path);
        runs.set(caller, [...(runs.get(caller) ?? []), { result, cpuUs }]);
        log(
          `  round ${round} · ${caller}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${cpuUs.toFixed(1)} µs CPU per request`,
        );
      }
    }
    return callers.map(({ caller }) => {
      const measured = runs.get(caller) ?? [];
      return {
        caller,
        rps: median(measured.map(({ result }) => result.rps)),
        p50: median(measured.map(({ result }) => result.p50)),
        p99: median(measured.map(({ result }) => result.p99)),
        cpuUs: median(measured.map(({ cpuUs }) => cpuUs)),
      };
    });
  } finally {
    await api.stop();
  }
}
