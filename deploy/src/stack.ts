import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ThrowawayPostgres } from '@textpulse/postgres';
import { builtApi, cleanUpOnExit, startServer, stopChild } from '@textpulse/processes';
import { ThrowawayRedis } from '@textpulse/redis';
import { NGINX } from './debian.js';
import { nginxDir, nginxTempPaths } from './nginx.js';

/** The response header through which nginx says which replica answered (this stack only). */
export const SERVED_BY = 'x-served-by';

export interface Replica {
  readonly name: string;
  /** Its own address, bypassing nginx. */
  readonly url: string;
  /** host:port, as nginx names it in SERVED_BY. */
  readonly address: string;
  readonly child: ChildProcess;
}

/**
 * The nginx configuration: compose.yaml's proxy settings (deploy/nginx), in front of `replicas` on
 * loopback, with an upstream block instead of Docker's DNS.
 */
function nginxConfig(dir: string, port: number, replicas: readonly Replica[]): string {
  return `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 512; }
http {
  access_log off;
  ${nginxTempPaths(dir)}
  include ${nginxDir}/request-id.conf;
  upstream textpulse_api {
    ${replicas.map((replica) => `server ${replica.address} max_fails=1 fail_timeout=10s;`).join('\n    ')}
  }
  server {
    listen 127.0.0.1:${port};
    set $api http://textpulse_api;
    add_header X-Served-By $upstream_addr always;
    include ${nginxDir}/api-proxy.conf;
  }
}
`;
}

export interface StackOptions {
  /** RATE_LIMIT_MAX of every replica. */
  rateLimitMax: number;
  replicas?: number;
}

/**
 * TextPulse scaled out on this machine: a throwaway PostgreSQL and Redis, built API replicas
 * sharing them, and nginx in front, all on free loopback ports. stop() ends and deletes it all,
 * as does the exit of this process.
 */
export class ScaleStack {
  private constructor(
    readonly postgres: ThrowawayPostgres,
    readonly redis: ThrowawayRedis,
    readonly replicas: readonly Replica[],
    /** nginx's process. */
    readonly proxy: ChildProcess,
    /** nginx's address: where clients go. */
    readonly url: string,
    /** Where nginx's configuration, logs and temporary files are. */
    readonly dir: string,
    /** Cancels the clean-up on exit that stop() makes unneeded. */
    private readonly forgetOnExit: () => void,
  ) {}

  static async start(options: StackOptions): Promise<ScaleStack> {
    const dir = mkdtempSync('/tmp/textpulse-scale-');
    const postgres = await new ThrowawayPostgres().start();
    const forgetOnExit = cleanUpOnExit(() => {
      postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const redis = await new ThrowawayRedis().start();
    const replicas: Replica[] = [];
    // One secret for every replica, as production needs: a cookie signed by one checks on another.
    const secret = randomBytes(32).toString('base64');
    try {
      for (let index = 1; index <= (options.replicas ?? 2); index += 1) {
        replicas.push(
          await startReplica(`replica ${index}`, dir, postgres.url, redis.url, secret, options),
        );
      }
      const config = join(dir, 'nginx.conf');
      const nginx = await startServer({
        name: 'nginx',
        command: NGINX,
        // Its start-up errors (a port taken first among them) go to its standard error.
        launch: (port) => {
          writeFileSync(config, nginxConfig(dir, port, replicas));
          return { args: ['-p', dir, '-c', config, '-e', 'stderr'] };
        },
        probe: '/nginx-health',
      });
      return new ScaleStack(postgres, redis, replicas, nginx.child, nginx.url, dir, forgetOnExit);
    } catch (error) {
      await Promise.all(replicas.map((replica) => stopChild(replica.child)));
      await redis.stop();
      postgres.stop();
      forgetOnExit();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Kills a replica at once (SIGKILL), as a crash or a lost machine would. */
  async kill(replica: Replica): Promise<void> {
    const exited = new Promise((resolve) => replica.child.once('exit', resolve));
    replica.child.kill('SIGKILL');
    await exited;
  }

  /** Resident memory of each replica still running, in MiB (Linux /proc). */
  memory(): { replica: Replica; rssMiB: number }[] {
    return this.replicas
      .filter((replica) => replica.child.exitCode === null && replica.child.signalCode === null)
      .map((replica) => {
        const status = readFileSync(`/proc/${replica.child.pid}/status`, 'utf8');
        return { replica, rssMiB: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024 };
      });
  }

  /** Stops nginx, the replicas, Redis and PostgreSQL, and deletes their files. */
  async stop(): Promise<void> {
    await stopChild(this.proxy);
    await Promise.all(this.replicas.map((replica) => stopChild(replica.child)));
    await this.redis.stop();
    this.postgres.stop();
    rmSync(this.dir, { recursive: true, force: true });
    this.forgetOnExit();
  }
}

/** A built API (apps/api/dist/main.js) on PostgreSQL and Redis, trusting nginx's X-Forwarded-For. */
async function startReplica(
  name: string,
  dir: string,
  databaseUrl: string,
  redisUrl: string,
  secret: string,
  options: StackOptions,
): Promise<Replica> {
  const api = await startServer(
    builtApi({
      name: `API ${name}`,
      env: {
        NODE_ENV: 'production',
        AUTH_SECRET: secret,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        RATE_LIMIT_MAX: String(options.rateLimitMax),
        TRUST_PROXY: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      // Not apps/api: a developer's apps/api/.env must not change the stack.
      cwd: dir,
    }),
  );
  return { name, url: api.url, address: `127.0.0.1:${api.port}`, child: api.child };
}
