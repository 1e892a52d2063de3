import { fileURLToPath } from 'node:url';
import { isHeldBy } from '@textpulse/ports';
import { ThrowawayPostgres } from '@textpulse/postgres';
import { startServer } from '@textpulse/processes';
import { ThrowawayRedis } from '@textpulse/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { builtApiServer, builtWebServer } from './built-server';

/** What a kind of server gives the test: where it listens, and which process it is. */
interface Started {
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

const two = <T>(start: () => Promise<T>) => Promise.all([start(), start()]);
const portOf = (url: string) => Number(new URL(url).port);

/**
 * Two servers of each kind the tests start, all at once, as turbo's parallel suites do: each
 * readiness probe must have been answered by the server it started, never by another.
 */
describe.runIf(process.platform === 'linux')('servers started at once', () => {
  const started: Started[] = [];
  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
  });

  it('are each answered by their own process, on ports of their own', async () => {
    const kinds: Record<string, () => Promise<Started>> = {
      API: async () => {
        const api = await builtApiServer().start();
        return { port: portOf(api.url), pid: api.pid, stop: () => api.stop() };
      },
      web: async () => {
        const web = await builtWebServer('http://127.0.0.1:9').start();
        return { port: portOf(web.url), pid: web.pid, stop: () => web.stop() };
      },
      'fake model': async () => {
        const serve = fileURLToPath(
          new URL('../../../../tooling/fake-openai/dist/serve.js', import.meta.url),
        );
        return startServer({
          name: 'The fake model server',
          launch: (port) => ({ args: [serve, '--port', String(port)] }),
          reportsPort: true,
          probe: '/_fake/log',
        });
      },
      PostgreSQL: async () => {
        const postgres = await new ThrowawayPostgres().start();
        return {
          port: portOf(postgres.url),
          pid: postgres.pid,
          stop: async () => postgres.stop(),
        };
      },
      Redis: async () => {
        const redis = await new ThrowawayRedis().start();
        return { port: portOf(redis.url), pid: redis.pid, stop: () => redis.stop() };
      },
    };
    const results = await Promise.allSettled(
      Object.entries(kinds).map(async ([kind, start]) => {
        const pair = await two(start);
        started.push(...pair);
        return [kind, pair] as const;
      }),
    );
    const failed = results.filter((result) => result.status === 'rejected');
    expect(failed.map((result) => String(result.reason))).toEqual([]);

    const ports = new Set<number>();
    for (const result of results) {
      if (result.status !== 'fulfilled') continue;
      const [kind, pair] = result.value;
      for (const server of pair) {
        expect(server.pid, `${kind}: a process id`).toBeGreaterThan(0);
        expect(isHeldBy(server.port, server.pid ?? 0), `${kind} on ${server.port}`).toBe(true);
        ports.add(server.port);
      }
    }
    expect(ports.size, 'ten servers, ten ports').toBe(10);
  }, 600_000);
});
