import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '@textpulse/processes';
import { describe, expect, it } from 'vitest';

const web = fileURLToPath(new URL('..', import.meta.url));
/** The packages the standalone server carries (pnpm's store inside .next/standalone). */
const store = join(web, '.next/standalone/node_modules/.pnpm');

/** Every source file of the app's pages and components, relative to apps/web. */
const sources = (dir: string): string[] =>
  readdirSync(join(web, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });

/** The production build's standalone server, which the container image runs. */
describe('the standalone server', () => {
  it('is built, with the packages it traced', () => {
    expect(existsSync(join(web, '.next/standalone/apps/web/server.js'))).toBe(true);
    expect(readdirSync(store).some((name) => name.startsWith('next@'))).toBe(true);
  });

  it('leaves sharp and its libvips binaries out, since no page uses next/image', () => {
    expect(readdirSync(store).filter((name) => /^(sharp@|@img\+)/.test(name))).toEqual([]);
    const imageUsers = [...sources('app'), ...sources('lib')].filter((path) =>
      readFileSync(join(web, path), 'utf8').includes('next/image'),
    );
    expect(imageUsers).toEqual([]);
  });
});

describe('the production server given a bad variable', () => {
  it('stops as it starts, with one message naming each bad variable and no stack', async () => {
    const starting = startServer({
      name: 'The web server',
      launch: (port) => ({
        args: [fileURLToPath(new URL('../.next/standalone/apps/web/server.js', import.meta.url))],
        env: {
          PORT: String(port),
          HOSTNAME: '127.0.0.1',
          API_URL: 'not-a-url',
          API_TIMEOUT_MS: 'soon',
        },
      }),
      probe: '/',
    });
    // A server that starts anyway is stopped at once, and the test fails.
    const outcome = await starting.then(
      async (server) => {
        await server.stop();
        return 'it started';
      },
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/^The web server exited \(1\) before it answered/);
    expect(outcome).toMatch(/^Invalid environment:\n {2}API_URL: .+\n {2}API_TIMEOUT_MS: .+$/m);
    expect(outcome).not.toContain('    at ');
  });
});
