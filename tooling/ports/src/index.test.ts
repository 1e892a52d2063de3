import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, isHeldBy, listenerPids, refusedPort } from './index.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((r) => server.close(r))));
});

async function listen(port = 0): Promise<number> {
  const server = createServer().listen(port, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  return address.port;
}

it('gives a loopback port a server can listen on', async () => {
  const port = await freePort();
  expect(port).toBeGreaterThan(0);
  expect(await listen(port)).toBe(port);
});

it('gives a port below 1024 that refuses connections', async () => {
  const port = await refusedPort();
  expect(port).toBeLessThan(1024);
  const refused = await fetch(`http://127.0.0.1:${port}/`).then(
    () => 'answered',
    (error: Error) => (error.cause as NodeJS.ErrnoException | undefined)?.code,
  );
  expect(refused).toBe('ECONNREFUSED');
});

describe.runIf(process.platform === 'linux')('who listens on a port', () => {
  it('is this process for its own server, and nobody once it has closed', async () => {
    const port = await listen();
    expect(listenerPids(port)).toEqual(new Set([process.pid]));
    expect(isHeldBy(port, process.pid)).toBe(true);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(listenerPids(port)).toEqual(new Set());
    expect(isHeldBy(port, process.pid)).toBe(false);
  });

  it("is a child's descendant when a forked worker holds the socket, and not another process", async () => {
    // A child that forks a grandchild, which listens on port 0 and says which port it got.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process');
         spawn(process.execPath, ['-e', "require('node:net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port) })"], { stdio: ['ignore', 'inherit', 'inherit'] });
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    const sibling = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      const [chunk] = (await once(child.stdout ?? child, 'data')) as [Buffer];
      const port = Number(chunk.toString().trim());
      expect(isHeldBy(port, child.pid ?? 0)).toBe(true);
      expect(listenerPids(port)?.has(child.pid ?? 0), 'the grandchild is the listener').toBe(false);
      expect(isHeldBy(port, sibling.pid ?? 0), 'a process beside it').toBe(false);
    } finally {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
      sibling.kill('SIGKILL');
    }
  });
});
