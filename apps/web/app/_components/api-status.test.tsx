import { type ContractMockServer, serveContractMocks } from '@textpulse/contracts-testing/mocks';
import { refusedPort } from '@textpulse/ports';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Outside a Next request there is nothing to opt out of prerendering from.
vi.mock('next/server', () => ({ connection: async () => {} }));

/**
 * Renders ApiStatus with the API at the address `url()` gives (read when the modules load, so
 * they are loaded afresh before the tests: mutation testing then sees their top level as load time).
 */
function rendererWithApiAt(url: () => Promise<string>) {
  let ApiStatus: () => Promise<ReactElement>;
  beforeAll(async () => {
    vi.resetModules();
    vi.stubEnv('API_URL', await url());
    ({ ApiStatus } = await import('./api-status'));
    vi.unstubAllEnvs();
  });
  return async () => renderToStaticMarkup(await ApiStatus());
}

describe('ApiStatus (Server Component)', () => {
  let api: ContractMockServer;
  const render = rendererWithApiAt(async () => {
    api = await serveContractMocks();
    return api.url;
  });
  afterAll(() => api.close());

  it('shows the status, version and model chain the API reports', async () => {
    api.use({
      answers: {
        health: {
          status: 'ok',
          version: '1.2.3',
          uptime_s: 5,
          models: ['openai:gpt-4o-mini', 'local'],
          database: { status: 'up', driver: 'pglite' },
        },
      },
    });
    const html = await render();
    expect(html).toContain('status--up');
    expect(html).toContain('API ok · v1.2.3 · model chain');
    expect(html).toMatch(/<code>openai:gpt-4o-mini<\/code>.*→ .*<code>local<\/code>/);
    expect(html).toContain('· database up (pglite)');
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', url: '/v1/health' });
  });

  it('says when the history is unavailable because the database is down', async () => {
    api.use({
      answers: {
        health: {
          status: 'ok',
          version: '1.2.3',
          uptime_s: 5,
          models: ['local'],
          database: { status: 'down', driver: 'postgres' },
        },
      },
    });
    const html = await render();
    expect(html).toContain(
      '· database down (postgres): the history is unavailable until it is back',
    );
  });
});

describe('ApiStatus (Server Component) when the API is down', () => {
  const render = rendererWithApiAt(async () => `http://127.0.0.1:${await refusedPort()}`);

  it('shows a clear state when the API is down', async () => {
    const html = await render();
    expect(html).toContain('status--down');
    expect(html).toContain('API unreachable');
  });
});
