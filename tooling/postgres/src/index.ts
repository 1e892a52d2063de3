import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@textpulse/ports';

/** No PostgreSQL server programs on this machine; the message says how to get them. */
export class PostgresMissingError extends Error {
  constructor() {
    super('No PostgreSQL server here: sudo apt-get install -y postgresql');
    this.name = 'PostgresMissingError';
  }
}

/** Where Debian's postgresql package puts the server programs (the newest version). */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root)
    ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  const bin = version && join(root, version, 'bin');
  if (!bin || !existsSync(join(bin, 'initdb'))) throw new PostgresMissingError();
  return bin;
}

/** The most starts on a port another process took first, before giving up. */
const ATTEMPTS = 5;

/**
 * A throwaway PostgreSQL cluster on a loopback port of its own, in a temporary directory, run by
 * the postgres user when this process is root (the server refuses root). pg_ctl waits for this
 * cluster's own server, and a port another process took first makes it start on another one.
 * stop() deletes it all.
 */
export class ThrowawayPostgres {
  private readonly bin = postgresBin();
  readonly dir = mkdtempSync('/tmp/textpulse-pg-');
  private port = 0;

  /** Runs a server program, as the postgres user when this process is root. */
  private run(program: string, ...args: string[]): void {
    const command = [join(this.bin, program), ...args];
    if (userInfo().uid === 0) execFileSync('runuser', ['-u', 'postgres', '--', ...command]);
    else execFileSync(command[0] ?? '', command.slice(1));
  }

  /** The connection URL of its `postgres` database (trust authentication, loopback only). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Creates the cluster and starts its server. */
  async start(): Promise<this> {
    if (userInfo().uid === 0) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
      chownSync(this.dir, id('-u'), id('-g'));
    }
    const data = join(this.dir, 'data');
    this.run('initdb', '-D', data, '--auth=trust', '--username=postgres', '--encoding=UTF8');
    for (let attempt = 1; ; attempt += 1) {
      this.port = await freePort();
      const logged = this.log().length;
      try {
        this.resume();
        return this;
      } catch (error) {
        const taken = this.log().slice(logged).includes('Address already in use');
        if (attempt === ATTEMPTS || !taken) throw error;
      }
    }
  }

  /** The server's log. */
  log(): string {
    try {
      return readFileSync(join(this.dir, 'server.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** The id of the server's main process (postmaster.pid's first line), while it runs. */
  get pid(): number | undefined {
    try {
      return Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  }

  /** Starts the server on its data directory (again, after halt()). */
  resume(): void {
    this.run(
      'pg_ctl',
      '-D',
      join(this.dir, 'data'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      // Minutes, not pg_ctl's 60 s: a loaded CI machine can be slow, and only a hang waits it out.
      '-t',
      '300',
      'start',
    );
  }

  /** Stops the server at once (as a crash would) but keeps its data. */
  halt(): void {
    this.run('pg_ctl', '-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop');
  }

  /** Stops the server if it runs and deletes the cluster; synchronous, so an exit handler can. */
  stop(): void {
    try {
      this.halt();
    } catch {
      // Already stopped.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
