import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '@textpulse/ports';

/** A built server (the API's dist/main.js, or the web's standalone server) on a free loopback port. */
class BuiltServer {
  private child: ChildProcess | undefined;
  url = '';
  /** What the server wrote to its standard output (its log lines). */
  output = '';

  constructor(
    private readonly name: string,
    private readonly command: (port: number) => { args: string[]; env: Record<string, string> },
    /** A path that answers once the server is up. */
    private readonly probe: string,
  ) {}

  /** The server's process id, to read its memory from. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<this> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const { args, env } = this.command(port);
    this.child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.output += chunk;
    });
    // Polls until the server answers; only a start-up that never ends exhausts the 30 s.
    for (let waited = 0; waited < 30_000; waited += 100) {
      if (this.child.exitCode !== null) {
        throw new Error(`${this.name} exited with ${this.child.exitCode}`);
      }
      const up = await fetch(`${this.url}${this.probe}`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) return this;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} did not start within 30 s`);
  }

  /** What the server answers to `init` sent to `path`. */
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

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The built TextPulse API (apps/api/dist/main.js), for parity tests; `env` over its defaults. */
export const builtApiServer = (env: Record<string, string> = {}) =>
  new BuiltServer(
    'The API',
    (port) => ({
      args: [path('../../../api/dist/main.js')],
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATA_DIR: 'memory',
        RATE_LIMIT_MAX: '1000000',
        ...env,
      },
    }),
    '/v1/health',
  );

/** This web app's production build (its standalone server), talking to the API at `apiUrl`. */
export const builtWebServer = (apiUrl: string, env: Record<string, string> = {}) =>
  new BuiltServer(
    'The web app',
    (port) => ({
      args: [path('../../.next/standalone/apps/web/server.js')],
      env: {
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        API_URL: apiUrl,
        NEXT_TELEMETRY_DISABLED: '1',
        ...env,
      },
    }),
    '/',
  );
