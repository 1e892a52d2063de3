import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type RunningServer, startServer } from '@textpulse/processes';

/** No Redis server program on this machine; the message says how to get it. */
export class RedisMissingError extends Error {
  constructor() {
    super('No Redis server here: sudo apt-get install -y redis-server');
    this.name = 'RedisMissingError';
  }
}

/** Debian's redis-server (or valkey-server), the first found. */
export function redisServerBin(): string {
  const found = ['/usr/bin/redis-server', '/usr/bin/valkey-server'].find((path) =>
    existsSync(path),
  );
  if (!found) throw new RedisMissingError();
  return found;
}

/**
 * A throwaway Redis server on a loopback port of its own (checked: another process that takes the
 * port first makes it start again on another), without persistence, in a temporary working
 * directory. halt() stops it as a crash would; resume() starts it again, empty; pause() freezes it;
 * stop() deletes it all.
 */
export class ThrowawayRedis {
  private readonly bin = redisServerBin();
  readonly dir = mkdtempSync('/tmp/textpulse-redis-');
  private port: number | undefined;
  private server: RunningServer | undefined;
  /** However this process ends, the server ends with it and its directory goes. */
  private readonly cleanUpOnExit = () => {
    this.server?.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  };

  constructor() {
    process.once('exit', this.cleanUpOnExit);
  }

  /** The connection URL (no password, loopback only). */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The server's process id (the redis-server process itself). */
  get pid(): number | undefined {
    return this.server?.pid;
  }

  /** Starts the server and waits until it listens. */
  async start(): Promise<this> {
    await this.resume();
    return this;
  }

  /** Starts the server (again, on the same port, after halt()) and waits until it listens. */
  async resume(): Promise<void> {
    this.server = await startServer({
      name: 'redis-server',
      command: this.bin,
      // Its log goes to its standard output, where startServer reads why it could not start.
      launch: (port) => ({
        args: ['--port', String(port), '--bind', '127.0.0.1', '--dir', this.dir].concat([
          '--save',
          '',
          '--appendonly',
          'no',
        ]),
      }),
      port: this.port,
    });
    this.port = this.server.port;
  }

  /** Stops the server at once (SIGKILL) and waits until it is gone. */
  async halt(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.child.kill('SIGKILL');
    server.child.kill('SIGCONT');
    await server.exited;
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
  pause(): void {
    this.server?.child.kill('SIGSTOP');
  }

  /** Lets a paused server go on (SIGCONT). */
  unpause(): void {
    this.server?.child.kill('SIGCONT');
  }

  /** Stops the server if it runs and deletes its directory. */
  async stop(): Promise<void> {
    await this.halt();
    process.off('exit', this.cleanUpOnExit);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
