import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { api } from './support/documented.js';

describe('GET /v1/health', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ TEXTPULSE_MODELS: 'openai:gpt-4o-mini, local' });
  });
  afterAll(() => app.close());

  it('reports the version, uptime, configured chain and database', async () => {
    const response = await api(app).get('/v1/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      version: '0.1.0',
      uptime_s: expect.any(Number),
      models: ['openai:gpt-4o-mini', 'local'],
      database: { status: 'up', driver: 'pglite' },
    });
  });

  it('lets the configured web origin call it (CORS)', async () => {
    const response = await api(app)
      .get('/v1/health')
      .set('origin', 'http://localhost:3000')
      .expect(200);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const stranger = await api(app).get('/v1/health').set('origin', 'http://evil.test');
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });
});
