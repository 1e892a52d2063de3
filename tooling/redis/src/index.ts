import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@textpulse/ports';

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

/** Whether something accepts TCP connections on the loopback port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A throwaway Redis server on a free loopback port, without persistence, in a temporary working
 * directory. halt() stops it as a crash would; resume() starts it again, empty; pause() freezes it;
 * stop() deletes it all.
 */
export class ThrowawayRedis {
  private readonly bin = redisServerBin();
  readonly dir = mkdtempSync('/tmp/textpulse-redis-');
  private port = 0;
  private server: ChildProcess | undefined;
  /** However this process ends, the server ends with it and its directory goes. */
  private readonly cleanUpOnExit = () => {
    this.server?.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  };

  constructor() {
    process.once('exit', this.cleanUpOnExit);
  }

  /** The connection URL (no password, loopback only). */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server on a free port. */
  async start(): Promise<this> {
    this.port = await freePort();
    await this.resume();
    return this;
  }

  /** Starts the server (again, after halt()) and waits until it accepts connections. */
  async resume(): Promise<void> {
    const server = spawn(
      this.bin,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--logfile',
        join(this.dir, 'server.log'),
      ],
      { stdio: 'ignore' },
    );
    this.server = server;
    let exited = false;
    server.once('exit', () => {
      exited = true;
    });
    for (let tries = 0; !(await accepts(this.port)); tries++) {
      if (exited || tries > 200) {
        server.kill('SIGKILL');
        throw new Error(`redis-server did not start; see ${join(this.dir, 'server.log')}`);
      }
      await sleep(25);
    }
  }

  /** Stops the server at once (SIGKILL) and waits until it is gone. */
  async halt(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exit = once(server, 'exit');
    server.kill('SIGKILL');
    server.kill('SIGCONT');
    await exit;
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
  pause(): void {
    this.server?.kill('SIGSTOP');
  }

  /** Lets a paused server go on (SIGCONT). */
  unpause(): void {
    this.server?.kill('SIGCONT');
  }

  /** Stops the server if it runs and deletes its directory. */
  async stop(): Promise<void> {
    await this.halt();
    process.off('exit', this.cleanUpOnExit);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
