import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The built TextPulse API (apps/api/dist/main.js) as a process on loopback, for parity tests. */
export class BuiltApi {
  private child: ChildProcess | undefined;
  url = '';

  async start(): Promise<this> {
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const address = probe.address();
    probe.close();
    await once(probe, 'close');
    if (typeof address !== 'object' || address === null) throw new Error('no free port');
    this.url = `http://127.0.0.1:${address.port}`;
    this.child = spawn(
      process.execPath,
      [fileURLToPath(new URL('../../../api/dist/main.js', import.meta.url))],
      {
        env: {
          ...process.env,
          PORT: String(address.port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
          DATA_DIR: 'memory',
          RATE_LIMIT_MAX: '1000000',
        },
        stdio: 'ignore',
      },
    );
    // Polls until the API answers; only a start-up that never ends exhausts the 30 s.
    for (let waited = 0; waited < 30_000; waited += 100) {
      if (this.child.exitCode !== null)
        throw new Error(`The API exited with ${this.child.exitCode}`);
      const up = await fetch(`${this.url}/v1/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) return this;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The API did not start within 30 s');
  }

  /** What the API answers to the same request sent to `path`. */
  send(path: string, init: RequestInit): Promise<Response> {
    return fetch(`${this.url}${path}`, init);
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}
