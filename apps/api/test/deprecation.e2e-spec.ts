import { Controller, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ResultOf } from '@textpulse/contracts';
import { oldHealthEndpoint } from '@textpulse/contracts/fixtures';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Endpoint } from '../src/common/contract/endpoint.decorator.js';
import { createTestApp } from './support/app.js';

/** The deprecated fixture operation, served: it exists only in this test. */
@Controller()
class OldHealthController {
  @Endpoint(oldHealthEndpoint)
  oldHealth(): ResultOf<typeof oldHealthEndpoint> {
    return { status: 'ok', up: true };
  }
}

@Module({ controllers: [OldHealthController] })
class OldHealthModule {}

describe('a deprecated operation', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({}, { modules: [OldHealthModule] });
  });
  afterAll(() => app.close());

  it('answers with Deprecation (RFC 9745), Sunset (RFC 8594) and a Link to its successor', async () => {
    const response = await request(app.getHttpServer()).get('/v1/fixtures/old-health').expect(200);
    expect(response.body).toEqual({ status: 'ok', up: true });
    expect(response.headers.deprecation).toBe(`@${Date.UTC(2026, 11, 1) / 1000}`);
    expect(response.headers.sunset).toBe('Thu, 31 Dec 2099 23:59:59 GMT');
    expect(response.headers.link).toBe('</v1/health>; rel="successor-version"');
  });

  it('leaves the operations that are not deprecated without them', async () => {
    const response = await request(app.getHttpServer()).get('/v1/health').expect(200);
    expect(response.headers).not.toHaveProperty('deprecation');
    expect(response.headers).not.toHaveProperty('sunset');
    expect(response.headers).not.toHaveProperty('link');
  });
});
