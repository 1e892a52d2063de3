import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cataloguedProblem } from '@textpulse/contracts/problem';
import { refusedPort } from '@textpulse/ports';
import { type RunningServer, startServer } from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX } from './debian.js';
import { loopbackEdgeConfig } from './nginx.js';
import { API_PROXY_CONF, EDGE_PROBLEMS, withProblemLocations } from './nginx-problems.js';

describe("nginx's own failures in front of the API (deploy/nginx/api-proxy.conf)", () => {
  let nginx: RunningServer;
  let dir: string;

  beforeAll(async () => {
    // Every replica is down: nothing listens where nginx sends the requests.
    const upstream = `http://127.0.0.1:${await refusedPort()}`;
    dir = mkdtempSync('/tmp/textpulse-edge-problems-');
    const config = join(dir, 'nginx.conf');
    nginx = await startServer({
      name: 'nginx',
      command: NGINX,
      launch: (port) => {
        writeFileSync(
          config,
          loopbackEdgeConfig(dir, { serverPort: '8080', port, variable: 'api', upstream }),
        );
        return { args: ['-p', dir, '-c', config, '-e', 'stderr'] };
      },
      probe: '/nginx-health',
    });
  });
  afterAll(async () => {
    await nginx?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers 502 with the catalog problem, the request id, when no replica answers', async () => {
    for (const path of ['/v1/analyze', '/v1/prompt/stream']) {
      const response = await fetch(`${nginx.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'edge-1' },
        body: JSON.stringify({ text: 'Nobody is there to read this text.' }),
      });
      expect(response.status, path).toBe(502);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('x-request-id')).toBe('edge-1');
      const body: unknown = await response.json();
      expect(cataloguedProblem(body)).toBe('api-bad-answer');
      expect(body).toEqual(EDGE_PROBLEMS[0].body);
    }
  });

  it('answers its 502 and 504 with problems written from the catalog (`pnpm generate`)', () => {
    expect(readFileSync(API_PROXY_CONF, 'utf8')).toBe(withProblemLocations());
    expect(EDGE_PROBLEMS.map(({ status, body }) => [status, cataloguedProblem(body)])).toEqual([
      [502, 'api-bad-answer'],
      [504, 'api-timeout'],
    ]);
  });
});
