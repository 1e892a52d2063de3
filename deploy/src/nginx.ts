import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '@textpulse/processes';
import { NGINX } from './debian.js';

/** Where compose.yaml mounts deploy/nginx in the nginx container. */
export const NGINX_INCLUDES = '/etc/nginx/textpulse';

/** deploy/nginx on this machine. */
export const nginxDir = fileURLToPath(new URL('../nginx', import.meta.url));

/**
 * compose.conf as nginx reads it in the container: with the files it includes from
 * NGINX_INCLUDES (deploy/nginx) written out in their place, and without comments.
 */
export function composeNginxConfig(): string {
  const read = (name: string) => readFileSync(`${nginxDir}/${name}`, 'utf8').replace(/#.*$/gm, '');
  return read('compose.conf').replace(
    new RegExp(`^\\s*include ${NGINX_INCLUDES}/([\\w.-]+);`, 'gm'),
    (_include, name: string) => read(name),
  );
}

/** The arguments of each `name ...;` directive in this configuration text. */
export const directives = (text: string, name: string): string[] =>
  [...text.matchAll(new RegExp(`^\\s*${name}\\s+([^;]*);`, 'gm'))].map(([, args = '']) => args);

/** What comes before the first server block: the http-level directives. */
export const httpLevel = (conf: string): string => conf.split(/^server\s*\{/m)[0] ?? '';

/** The server block that listens on `port`, from `server {` to its closing brace. */
export function serverBlock(conf: string, port: string): string {
  const body = conf
    .split(/^server\s*\{/m)
    .slice(1)
    .find((block) => directives(block, 'listen').includes(port));
  if (body === undefined) throw new Error(`No server block listens on ${port}`);
  return `server {${body.slice(0, body.lastIndexOf('}') + 1)}`;
}

/** A duration as nginx writes it (`10s`, `500ms`, `1m`, `30`), in milliseconds. */
export function nginxDuration(value: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(value.trim());
  if (!match) throw new Error(`Not an nginx duration: ${value}`);
  const unit = { ms: 1, s: 1000, m: 60_000 }[match[2] ?? 's'] ?? 1000;
  return Number(match[1]) * unit;
}

/**
 * Makes nginx's temporary directories in `dir`, open to its workers (they run as nobody when
 * nginx is started as root), and returns the http-level directives that name them.
 */
export function nginxTempPaths(dir: string): string {
  chmodSync(dir, 0o755);
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => {
      const path = join(dir, kind);
      mkdirSync(path, { recursive: true, mode: 0o777 });
      chmodSync(path, 0o777);
      return `${kind}_temp_path ${path};`;
    })
    .join('\n');
}

/** One of compose.conf's servers, run on loopback in front of another upstream (for tests). */
export interface LoopbackEdge {
  /** The port its server block listens on in compose.conf: 8080 (API) or 3000 (web). */
  serverPort: string;
  /** The variable its proxy_pass names: `api` or `web`. */
  variable: string;
  /** Where it sends requests instead of Docker's service. */
  upstream: string;
  /** A path nginx answers itself once it runs. */
  probe: string;
  /** Its proxy_read_timeout at server level instead of compose.conf's, to meet it in a test. */
  readTimeout?: string;
}

/**
 * A whole nginx.conf for a test: compose.conf's server block that listens on `serverPort`, as it
 * is, but on a loopback `port` and in front of `upstream` (its `$variable`) instead of Docker's
 * service, with the http-level directives and temporary directories in `dir`.
 */
export function loopbackEdgeConfig(dir: string, port: number, edge: LoopbackEdge): string {
  const conf = composeNginxConfig();
  let server = serverBlock(conf, edge.serverPort)
    .replace(new RegExp(`^\\s*listen ${edge.serverPort};`, 'm'), `listen 127.0.0.1:${port};`)
    .replace(/^\s*resolver [^;]*;/m, '')
    .replace(
      new RegExp(`^\\s*set \\$${edge.variable} [^;]*;`, 'm'),
      `set $${edge.variable} ${edge.upstream};`,
    )
    .replace(/^\s*access_log [^;]*;/m, 'access_log off;');
  if (edge.readTimeout) {
    server = server.replace(/proxy_read_timeout [^;]*;/, `proxy_read_timeout ${edge.readTimeout};`);
  }
  return `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
events { worker_connections 1024; }
http {
${nginxTempPaths(dir)}
${httpLevel(conf)}
${server}
}
`;
}

/** Starts nginx with loopbackEdgeConfig in a temporary directory; `stop` also deletes it. */
export async function startLoopbackEdge(
  edge: LoopbackEdge,
): Promise<{ nginx: RunningServer; stop: () => Promise<void> }> {
  const dir = mkdtempSync('/tmp/textpulse-edge-');
  const config = join(dir, 'nginx.conf');
  try {
    const nginx = await startServer({
      name: 'nginx',
      command: NGINX,
      launch: (port) => {
        writeFileSync(config, loopbackEdgeConfig(dir, port, edge));
        return { args: ['-p', dir, '-c', config, '-e', 'stderr'] };
      },
      probe: edge.probe,
    });
    return {
      nginx,
      stop: async () => {
        await nginx.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
