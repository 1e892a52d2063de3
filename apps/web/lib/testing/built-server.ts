import {
  builtApi,
  builtWeb,
  type RunningServer,
  type ServerOptions,
  startServer,
} from '@textpulse/processes';

/**
 * A built server (the API's dist/main.js, or the web's standalone server) on a loopback port
 * that is certainly its own (@textpulse/processes' startServer).
 */
class BuiltServer {
  private server: RunningServer | undefined;

  constructor(private readonly options: ServerOptions) {}

  private get running(): RunningServer {
    if (!this.server) throw new Error(`${this.options.name} has not been started`);
    return this.server;
  }

  get url(): string {
    return this.running.url;
  }

  /** What the server wrote to its standard output and error (its log lines). */
  get output(): string {
    return this.running.output();
  }

  /** The server's process id, to read its memory from. */
  get pid(): number {
    return this.running.pid;
  }

  async start(): Promise<this> {
    this.server = await startServer(this.options);
    return this;
  }

  /** What the server answers to `init` sent to `path`. */
  send(path: string, init: RequestInit): Promise<Response> {
    return fetch(`${this.url}${path}`, init);
  }

  async stop(): Promise<void> {
    if (!this.server || this.server.child.exitCode !== null) return;
    const exited = this.server.exited;
    this.server.child.kill('SIGKILL');
    await exited;
  }
}

/**
 * The built TextPulse API (apps/api/dist/main.js), for parity tests; `env` over its defaults,
 * which lift its rate limits: the tests call it from one address.
 */
export const builtApiServer = (env: Record<string, string> = {}) =>
  new BuiltServer(
    builtApi({
      env: {
        LOG_LEVEL: 'silent',
        DATA_DIR: 'memory',
        RATE_LIMIT_MAX: '1000000',
        AUTH_RATE_LIMIT_MAX: '1000000',
        ...env,
      },
    }),
  );

/** This web app's production build (its standalone server), talking to the API at `apiUrl`. */
export const builtWebServer = (apiUrl: string, env: Record<string, string> = {}) =>
  new BuiltServer(builtWeb(apiUrl, { env }));
