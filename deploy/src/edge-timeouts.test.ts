import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { RunningServer } from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  composeNginxConfig,
  directives,
  httpLevel,
  nginxDuration,
  startLoopbackEdge,
} from './nginx.js';

const conf = composeNginxConfig();
const SLOW_CLIENTS = 200;

/**
 * Opens a connection, sends `head` and nothing after it, and resolves with what came back once the
 * other side closed the connection.
 */
function sendAndWait(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') resolve(answer);
      else reject(error);
    });
    socket.write(head);
  });
}

describe('nginx in front of the web app (deploy/nginx/compose.conf)', () => {
  /** The paths of the requests that reached the web app's place. */
  const reached: string[] = [];
  let upstream: Server;
  let edge: Awaited<ReturnType<typeof startLoopbackEdge>>;
  let nginx: RunningServer;

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      reached.push(request.url ?? '');
      request.resume();
      request.on('end', () => response.end('ok'));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const address = upstream.address();
    if (address === null || typeof address === 'string') throw new Error('No upstream port');
    edge = await startLoopbackEdge({
      serverPort: '3000',
      variable: 'web',
      upstream: `http://127.0.0.1:${address.port}`,
      probe: '/ready',
    });
    nginx = edge.nginx;
  });
  afterAll(async () => {
    await edge?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  it('gives a client at most 10 s between two reads of its headers or of its body', () => {
    // docs/SECURITY.md and DEPLOY.md state these figures.
    for (const name of ['client_header_timeout', 'client_body_timeout']) {
      expect(directives(httpLevel(conf), name).map(nginxDuration), name).toEqual([10_000]);
    }
  });

  it('closes slow clients without passing them on, while it serves others', async () => {
    const slow = [
      ...Array.from({ length: SLOW_CLIENTS }, (_, index) =>
        sendAndWait(
          nginx.port,
          `POST /api/analyze?slow-body=${index} HTTP/1.1\r\nHost: localhost\r\n` +
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"text": "Slowly',
        ),
      ),
      ...Array.from({ length: 5 }, (_, index) =>
        sendAndWait(
          nginx.port,
          `GET /?slow-headers=${index} HTTP/1.1\r\nHost: localhost\r\nX-Slow: `,
        ),
      ),
    ];
    // Held open, they keep nobody else out.
    const page = await fetch(`${nginx.url}/history`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('ok');

    // nginx ends each at its timeout with nothing sent: no half-read request reaches the app.
    const answers = await Promise.all(slow);
    expect(answers).toEqual(answers.map(() => ''));
    expect(reached.filter((path) => path.includes('slow'))).toEqual([]);
    expect(reached).toContain('/history');
  });
});
