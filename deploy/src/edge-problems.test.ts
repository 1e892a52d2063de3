import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cataloguedProblem } from '@textpulse/contracts/problem';
import { refusedPort } from '@textpulse/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackEdge, startLoopbackEdge } from './nginx.js';
import {
  API_PROXY_CONF,
  COMPOSE_CONF,
  EDGE_PROBLEMS,
  WEB_EDGE_PROBLEMS,
  withProblemLocations,
  withWebProblemLocations,
} from './nginx-problems.js';

type Edge = Awaited<ReturnType<typeof startLoopbackEdge>>;

/** A POST through the edge, with a request id, as a client of the API sends it. */
const post = (edge: Edge, path: string) =>
  fetch(`${edge.nginx.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'edge-1' },
    body: JSON.stringify({ text: 'Nobody is there to read this text.' }),
  });

/** The answer is `status` with the catalog's problem `name`, carrying the request id. */
async function expectEdgeProblem(
  response: Response,
  status: 502 | 504,
  name: string,
  problems: typeof EDGE_PROBLEMS | typeof WEB_EDGE_PROBLEMS = EDGE_PROBLEMS,
) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.headers.get('x-request-id')).toBe('edge-1');
  const body: unknown = await response.json();
  expect(cataloguedProblem(body)).toBe(name);
  expect(body).toEqual(problems.find((problem) => problem.status === status));
}

/** The answer to a page is `status` as an HTML page that tells the problem's title and detail. */
async function expectEdgePage(response: Response, status: 502 | 504) {
  const body = WEB_EDGE_PROBLEMS.find((problem) => problem.status === status);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(response.headers.get('x-request-id')).toBe('edge-1');
  const page = await response.text();
  expect(page).toContain(`<title>${body?.title} · TextPulse</title>`);
  expect(page).toContain(body?.detail);
}

type Upstream = Pick<LoopbackEdge, 'serverPort' | 'variable' | 'probe'>;
const API_SERVER: Upstream = { serverPort: '8080', variable: 'api', probe: '/nginx-health' };
const WEB_SERVER: Upstream = { serverPort: '3000', variable: 'web', probe: '/' };

/**
 * compose.conf's server for `server`, run for the enclosing describe in front of nothing (nothing
 * listens where it sends requests) or of a server that reads each request and never answers;
 * the edge once it runs.
 */
function edgeInFrontOf(upstream: 'nothing' | 'a silent server', server: Upstream): () => Edge {
  const silent = createServer(() => {
    // Reads the request and answers nothing: only nginx's read timeout ends it.
  });
  let edge: Edge | undefined;
  beforeAll(async () => {
    if (upstream === 'nothing') {
      edge = await startLoopbackEdge({
        ...server,
        upstream: `http://127.0.0.1:${await refusedPort()}`,
      });
      return;
    }
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    edge = await startLoopbackEdge({
      ...server,
      upstream: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      // compose.conf waits 60 s; the test meets the same timeout sooner.
      readTimeout: '1s',
    });
  });
  afterAll(async () => {
    await edge?.stop();
    if (!silent.listening) return;
    silent.closeAllConnections();
    silent.close();
  });
  return () => {
    if (!edge) throw new Error('The edge is not running');
    return edge;
  };
}

/** A browser asking the web edge for a page. */
const visit = (edge: Edge, path: string) =>
  fetch(`${edge.nginx.url}${path}`, { headers: { accept: 'text/html', 'x-request-id': 'edge-1' } });

describe("nginx's own failures in front of the API (deploy/nginx/api-proxy.conf)", () => {
  describe('with every replica down', () => {
    const edge = edgeInFrontOf('nothing', API_SERVER);

    it('answers 502 with the catalog problem and the request id', async () => {
      for (const path of ['/v1/analyze', '/v1/prompt/stream']) {
        await expectEdgeProblem(await post(edge(), path), 502, 'api-bad-answer');
      }
    });
  });

  describe('with a replica that never answers', () => {
    const edge = edgeInFrontOf('a silent server', API_SERVER);

    it('answers 504 with the catalog problem and the request id', async () => {
      await expectEdgeProblem(await post(edge(), '/v1/analyze'), 504, 'api-timeout');
    });
  });

  it('answers its 502 and 504 with problems written from the catalog (`pnpm generate`)', () => {
    expect(readFileSync(API_PROXY_CONF, 'utf8')).toBe(withProblemLocations());
    expect(EDGE_PROBLEMS.map((problem) => [problem.status, cataloguedProblem(problem)])).toEqual([
      [502, 'api-bad-answer'],
      [504, 'api-timeout'],
    ]);
  });
});

describe("nginx's own failures in front of the web app (deploy/nginx/compose.conf, port 3000)", () => {
  describe('with the web app down', () => {
    const edge = edgeInFrontOf('nothing', WEB_SERVER);

    it('answers a page with a 502 page, and a route handler with the 502 problem', async () => {
      for (const path of ['/', '/history']) await expectEdgePage(await visit(edge(), path), 502);
      for (const path of ['/api/analyze', '/api/prompt/stream']) {
        await expectEdgeProblem(await post(edge(), path), 502, 'web-bad-answer', WEB_EDGE_PROBLEMS);
      }
    });
  });

  describe('with a web app that never answers', () => {
    const edge = edgeInFrontOf('a silent server', WEB_SERVER);

    it('answers a page with a 504 page, and a route handler with the 504 problem', async () => {
      await expectEdgePage(await visit(edge(), '/analyze'), 504);
      await expectEdgeProblem(
        await post(edge(), '/api/analyze'),
        504,
        'web-timeout',
        WEB_EDGE_PROBLEMS,
      );
    });
  });

  it('answers its 502 and 504 with problems written from the catalog (`pnpm generate`)', () => {
    expect(readFileSync(COMPOSE_CONF, 'utf8')).toBe(withWebProblemLocations());
    expect(
      WEB_EDGE_PROBLEMS.map((problem) => [problem.status, cataloguedProblem(problem)]),
    ).toEqual([
      [502, 'web-bad-answer'],
      [504, 'web-timeout'],
    ]);
  });
});
