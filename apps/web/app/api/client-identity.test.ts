import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtApiServer, builtWebServer } from '@/lib/testing/built-server';

/**
 * The production builds of both apps, the API trusting the web server as its proxy: the API's
 * rate limit counts each end user on their own, not the web server as one client.
 */
describe('end users through the web server', () => {
  const api = builtApiServer({ RATE_LIMIT_MAX: '2', TRUST_PROXY: '127.0.0.1, ::1' });
  let web: ReturnType<typeof builtWebServer>;

  beforeAll(async () => {
    await api.start();
    web = await builtWebServer(api.url).start();
  });
  afterAll(async () => {
    await web.stop();
    await api.stop();
  });

  /** An analysis asked of the web app by the end user at `address`, as a proxy in front of it says. */
  const analyzeAs = (address: string) =>
    fetch(`${web.url}/api/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ text: 'A perfectly ordinary sentence to analyze.' }),
    });

  it('have a bucket each at the API, and its 429 reaches them with Retry-After', async () => {
    expect((await analyzeAs('203.0.113.1')).status).toBe(200);
    expect((await analyzeAs('203.0.113.1')).status).toBe(200);
    const limited = await analyzeAs('203.0.113.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ status: 429, instance: '/api/analyze' });
    expect((await analyzeAs('203.0.113.2')).status).toBe(200);
  });
});
