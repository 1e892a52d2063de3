import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
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

  it('answers a preflight from the configured web origin, and only from it', async () => {
    // A preflight is the CORS protocol's, not an operation of the contract.
    const preflight = (origin: string) =>
      request(app.getHttpServer())
        .options('/v1/analyze')
        .set('origin', origin)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'content-type');
    const allowed = await preflight('http://localhost:3000').expect(204);
    expect(allowed.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-methods': expect.stringContaining('POST'),
      'access-control-allow-headers': 'content-type',
      vary: expect.stringContaining('Origin'),
    });
    const stranger = await preflight('https://elsewhere.example').expect(204);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('says that its answers vary by Origin even to a request without one', async () => {
    const response = await api(app).get('/v1/health').expect(200);
    expect(response.headers.vary).toContain('Origin');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
