import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { BODY_LIMIT_BYTES } from '@textpulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtWebServer } from '@/lib/testing/built-server';

const FIFTY_MB = 50 * 2 ** 20;
/** Growth of the server's resident memory over two 50 MB bodies: a buffered one alone is 50. */
const RSS_GROWTH_LIMIT_MB = 32;

/** The resident memory of a process, in MiB (Linux). */
const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

/** POSTs 50 MB of JSON-ish bytes, with or without Content-Length, and reads the answer. */
function sendHugeBody(url: string, withLength: boolean) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (withLength) headers['content-length'] = String(FIFTY_MB);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const outgoing = request(url, { method: 'POST', headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (part: string) => {
        body += part;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // The server may close the connection once it has answered: the rest need not be sent.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    let sent = 0;
    const pump = () => {
      while (sent < FIFTY_MB && !outgoing.destroyed) {
        sent += chunk.length;
        if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
      }
      outgoing.end();
    };
    pump();
  });
}

/**
 * The production build, as a browser's request reaches it: memory belongs to the server. One
 * server per route, so that no route is measured on a heap another has already grown.
 */
describe.each(['/api/analyze', '/api/prompt', '/api/prompt/stream', '/api/analyses'])(
  'the web server given 50 MB bodies on %s',
  (path) => {
    // Nothing listens there: a body over the limit never reaches the API.
    const web = builtWebServer('http://127.0.0.1:9');

    beforeAll(() => web.start());
    afterAll(() => web.stop());

    it('answers 413 problem+json with and without Content-Length, its memory barely growing', async () => {
      const pid = web.pid;
      if (pid === undefined) throw new Error('no server process');
      // Loads the route handler first: loading code is not what is measured.
      await web.send(path, { method: 'POST', body: '{}' });
      const before = rssOf(pid);
      for (const withLength of [true, false]) {
        const answer = await sendHugeBody(`${web.url}${path}`, withLength);
        expect(answer.status).toBe(413);
        expect(JSON.parse(answer.body)).toMatchObject({ status: 413, instance: path });
      }
      const growth = rssOf(pid) - before;
      console.log(`${path}: RSS grew ${growth.toFixed(1)} MiB over two 50 MB bodies`);
      expect(growth).toBeLessThan(RSS_GROWTH_LIMIT_MB);
    });
  },
);

/**
 * Sends a POST's head, announcing `contentLength` bytes, and never its body: resolves with the
 * status the server answers before reading one, or 'waiting for the body' when it has not answered
 * by a bound only a hang reaches (an answer before the body takes milliseconds).
 */
function headWithoutBody(url: string, path: string, contentLength: number) {
  const { hostname, port } = new URL(url);
  return new Promise<number | 'waiting for the body'>((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('waiting for the body');
    }, 20_000);
    let head = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      head += chunk;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      if (!status) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(Number(status));
    });
    socket.on('error', reject);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${contentLength}\r\n\r\n`,
    );
  });
}

describe.each([
  ['a Content-Length over the limit', 413, BODY_LIMIT_BYTES + 1],
  ['a client over its rate limit', 429, 100],
])('the web server given %s', (_case, status, contentLength) => {
  // A limit of one request; nothing listens at the API's address: no request reaches it.
  const web = builtWebServer('http://127.0.0.1:9', { RATE_LIMIT_MAX: '1' });

  beforeAll(() => web.start());
  afterAll(() => web.stop());

  it(`answers ${status} without waiting for the body`, async () => {
    if (status === 429) await web.send('/api/analyze', { method: 'POST', body: '{}' });
    expect(await headWithoutBody(web.url, '/api/analyze', contentLength)).toBe(status);
  });
});
