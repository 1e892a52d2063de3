import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SESSION_COOKIE } from '@textpulse/contracts';
import { type RunningServer, startServer } from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const web = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) =>
  fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const scripts = JSON.parse(readFileSync(`${web}/package.json`, 'utf8')).scripts as Record<
  string,
  string
>;

/**
 * `pnpm dev:mock`: the dev server (`next dev`) with API_URL at the contract mocks, started here as
 * the script starts it, on a port of its own, with no API process anywhere: every page answers.
 * `next dev` points next-env.d.ts at its own route types (.next/dev), so the web's typecheck runs
 * before its tests (turbo.json), never beside this one.
 */
describe('pnpm dev:mock', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({
      name: 'The web app on the contract mocks',
      command: bin('tsx'),
      launch: (port) => ({
        args: [
          'scripts/with-mocks.ts',
          bin('next'),
          'dev',
          '--port',
          String(port),
          '--hostname',
          '127.0.0.1',
        ],
        env: { NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn' },
      }),
      cwd: web,
      probe: '/',
    });
  });
  afterAll(() => server?.stop());

  it('is the dev server run by scripts/with-mocks.ts', () => {
    expect(scripts['dev:mock']).toMatch(/ tsx scripts\/with-mocks\.ts next dev /);
  });

  it.each([
    '/',
    '/analyze',
    '/prompt',
    '/forgot-password',
    '/reset-password?token=from-the-mail',
    '/verify-email?token=from-the-mail',
  ])('serves %s', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
  });

  it.each([
    ['/history', 'Ada Lovelace wrote the first program in London'],
    ['/account', 'ada@example.com'],
  ])('serves %s to a signed-in person, with the data the mocks answer', async (path, shown) => {
    const signedOut = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    expect(signedOut.status).toBe(307);
    expect(signedOut.headers.get('location')).toContain(
      `/sign-in?next=${encodeURIComponent(path)}`,
    );
    const signedIn = await fetch(`${server.url}${path}`, {
      headers: { cookie: `${SESSION_COOKIE}=any` },
    });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain(shown);
  });

  it.each(['/sign-in', '/sign-up'])('serves %s to a person signed out', async (path) => {
    expect((await fetch(`${server.url}${path}`)).status).toBe(200);
  });

  it('announces where the mocks are and who signing in makes you', () => {
    expect(server.output()).toMatch(
      /Contract mocks of the TextPulse API at http:\/\/127\.0\.0\.1:\d+; signing in makes you Ada Lovelace\./,
    );
  });
});
