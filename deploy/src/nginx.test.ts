import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assignments, finalStage } from './dockerfile.js';
import { composeNginxConfig, directives, serverBlock } from './nginx.js';

const conf = composeNginxConfig();
const nginx = '/usr/sbin/nginx';

const apiServer = serverBlock(conf, '8080');
const webServer = serverBlock(conf, '3000');

describe('deploy/nginx/compose.conf', () => {
  it('passes `nginx -t` inside an http block, as the nginx image includes it', () => {
    if (!existsSync(nginx)) throw new Error('No nginx here: sudo apt-get install -y nginx');
    const dir = mkdtempSync(join(tmpdir(), 'textpulse-nginx-'));
    try {
      const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `${kind}_temp_path ${dir}/${kind};`,
      );
      const main = [
        `pid ${dir}/nginx.pid;`,
        'events {}',
        `http { ${temp.join(' ')} include ${dir}/compose.conf; }`,
      ];
      writeFileSync(join(dir, 'compose.conf'), conf);
      writeFileSync(join(dir, 'nginx.conf'), main.join('\n'));
      const args = ['-t', '-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')];
      // Standard output (the access log) is /dev/null: vitest's may be a socket, which cannot be opened.
      const test = spawnSync(nginx, args, {
        encoding: 'utf8',
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      expect(test.status, test.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends every request to the replicas of the api service, resolved by Docker per request', () => {
    const apiImage = finalStage(
      fileURLToPath(new URL('../../apps/api/Dockerfile', import.meta.url)),
    );
    const apiPort = assignments(apiImage, 'ENV').get('PORT');
    expect(directives(apiServer, 'resolver')).toEqual(['127.0.0.11 valid=10s ipv6=off']);
    expect(directives(apiServer, 'set')).toEqual([`$api http://api:${apiPort}`]);
    expect(new Set(directives(apiServer, 'proxy_pass'))).toEqual(new Set(['$api']));
  });

  it('sends browsers to the web app with the address nginx saw, not one they name', () => {
    const webImage = finalStage(
      fileURLToPath(new URL('../../apps/web/Dockerfile', import.meta.url)),
    );
    const webPort = assignments(webImage, 'ENV').get('PORT');
    expect(directives(webServer, 'set')).toEqual([`$web http://web:${webPort}`]);
    expect(new Set(directives(webServer, 'proxy_pass'))).toEqual(new Set(['$web']));
    expect(directives(webServer, 'proxy_set_header')).toContain('X-Forwarded-For $remote_addr');
    const stream = webServer.match(/location = \/api\/prompt\/stream \{([^}]*)\}/)?.[1] ?? '';
    expect(directives(stream, 'proxy_buffering')).toEqual(['off']);
  });

  it('retries another replica only when the request never reached one, and streams unbuffered', () => {
    const [retry, ...more] = directives(conf, 'proxy_next_upstream');
    expect(more).toEqual([]);
    expect(retry?.split(' ')).toContain('error');
    expect(retry?.split(' ')).not.toContain('non_idempotent');
    const stream = conf.match(/location = \/v1\/prompt\/stream \{([^}]*)\}/)?.[1] ?? '';
    expect(directives(stream, 'proxy_buffering')).toEqual(['off']);
    // The API's heartbeat interval may be as long as 600 s (STREAM_HEARTBEAT_MS).
    expect(
      Number.parseInt(directives(stream, 'proxy_read_timeout')[0] ?? '', 10),
    ).toBeGreaterThanOrEqual(600);
  });
});
