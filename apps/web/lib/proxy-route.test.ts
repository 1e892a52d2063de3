import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let POST: (request: Request) => Promise<Response>;

const request = () =>
  new Request('http://localhost:3000/api/analyze', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'A perfectly fine sentence.' }),
  });

describe('a route handler when the API is down', () => {
  beforeAll(async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    vi.stubEnv('API_URL', `http://127.0.0.1:${port}`);
    ({ POST } = await import('../app/api/analyze/route'));
  });
  afterAll(() => vi.unstubAllEnvs());

  it('answers 503 problem+json', async () => {
    const response = await POST(request());
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The TextPulse API cannot be reached. Is it running?',
      instance: '/api/analyze',
    });
  });
});
