import { once } from 'node:events';
import { createServer } from 'node:net';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeApi } from '../../lib/testing/fake-api';

// Outside a Next request there is nothing to opt out of prerendering from.
vi.mock('next/server', () => ({ connection: async () => {} }));

async function renderWithApiAt(url: string): Promise<string> {
  vi.resetModules();
  vi.stubEnv('API_URL', url);
  const { ApiStatus } = await import('./api-status');
  return renderToStaticMarkup(await ApiStatus());
}

describe('ApiStatus (Server Component)', () => {
  const api = new FakeApi();

  beforeAll(() => api.start());
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => api.stop());

  it('shows the status, version and model chain the API reports', async () => {
    api.reply(200, {
      status: 'ok',
      version: '1.2.3',
      uptime_s: 5,
      models: ['openai:gpt-4o-mini', 'local'],
      database: { status: 'up', driver: 'pglite' },
    });
    const html = await renderWithApiAt(api.url);
    expect(html).toContain('status--up');
    expect(html).toContain('API ok · v1.2.3 · model chain');
    expect(html).toMatch(/<code>openai:gpt-4o-mini<\/code>.*→ .*<code>local<\/code>/);
    expect(html).toContain('· database up (pglite)');
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', url: '/v1/health' });
  });

  it('says when the history is unavailable because the database is down', async () => {
    api.reply(200, {
      status: 'ok',
      version: '1.2.3',
      uptime_s: 5,
      models: ['local'],
      database: { status: 'down', driver: 'postgres' },
    });
    const html = await renderWithApiAt(api.url);
    expect(html).toContain(
      '· database down (postgres): the history is unavailable until it is back',
    );
  });

  it('shows a clear state when the API is down', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as { port: number };
    closed.close();
    const html = await renderWithApiAt(`http://127.0.0.1:${port}`);
    expect(html).toContain('status--down');
    expect(html).toContain('API unreachable');
  });
});
