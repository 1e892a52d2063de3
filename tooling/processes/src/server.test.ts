import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHeldBy } from '@textpulse/ports';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server.js';

/** A Node script: an HTTP server on `port` answering its own pid, saying the port it got. */
const httpServer = (port: number | string) =>
  `const server = require('node:http').createServer((_, res) => res.end(String(process.pid)));
   server.listen(${port}, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));`;

const started: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
});
const start = async (...args: Parameters<typeof startServer>) => {
  const server = await startServer(...args);
  started.push(server);
  return server;
};
const pidAt = async (url: string) => Number(await (await fetch(url)).text());

describe('startServer', () => {
  it('reads the port a server that binds port 0 reports, and it is that server that answers', async () => {
    const server = await start({
      name: 'A reporting server',
      launch: (port) => ({ args: ['-e', httpServer(port)] }),
      reportsPort: true,
      probe: '/',
    });
    expect(server.port).toBeGreaterThan(0);
    expect(await pidAt(server.url)).toBe(server.pid);
  });

  it('writes the standard output of a server given stdoutFile to that file, and reads its port there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'textpulse-stdout-'));
    const file = join(dir, 'server.log');
    try {
      const server = await start({
        name: 'A server logging to a file',
        launch: (port) => ({
          args: ['-e', `${httpServer(port)}; console.error('to standard error')`],
        }),
        reportsPort: true,
        probe: '/',
        stdoutFile: file,
      });
      expect(await pidAt(server.url)).toBe(server.pid);
      expect(readFileSync(file, 'utf8')).toBe(`listening on http://127.0.0.1:${server.port}\n`);
      await expect.poll(() => server.output()).toBe('to standard error\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts a server again on another port when another process took the one it was given', async () => {
    const squatter = createServer((_, response) => response.end('squatter')).listen(0, '127.0.0.1');
    await once(squatter, 'listening');
    const taken = (squatter.address() as { port: number }).port;
    const ports: number[] = [];
    try {
      const server = await start({
        name: 'A server given a taken port first',
        // The first start is given the squatter's port, as a race with another test would.
        launch: (port) => {
          ports.push(ports.length === 0 ? taken : port);
          return { args: ['-e', httpServer(ports.at(-1) ?? 0)] };
        },
        probe: '/',
      });
      expect(ports[0]).toBe(taken);
      expect(ports).toHaveLength(2);
      expect(server.port).toBe(ports[1]);
      expect(await pidAt(server.url)).toBe(server.pid);
    } finally {
      squatter.close();
    }
  });

  it.runIf(process.platform === 'linux')(
    'does not take an answer from another process on its port for its own',
    async () => {
      const squatter = createServer((_, response) => response.end('0')).listen(0, '127.0.0.1');
      await once(squatter, 'listening');
      const port = (squatter.address() as { port: number }).port;
      try {
        // The child never listens; only the squatter answers on the port.
        const starting = startServer({
          name: 'A server that never listens',
          port,
          launch: () => ({ args: ['-e', 'setInterval(() => {}, 1000)'] }),
          probe: '/',
          timeoutMs: 2000,
        });
        await expect(starting).rejects.toThrow(
          'A server that never listens did not answer within 2 s',
        );
        expect(isHeldBy(port, process.pid)).toBe(true);
      } finally {
        squatter.close();
      }
    },
  );

  it('fails at once, with its output, when the server exits before it answers', async () => {
    const starting = startServer({
      name: 'A failing server',
      launch: () => ({ args: ['-e', "console.error('bad configuration'); process.exit(3)"] }),
      reportsPort: true,
    });
    await expect(starting).rejects.toThrow(
      /A failing server exited \(3\) before it answered; its output ended with:\nbad configuration/,
    );
  });
});
