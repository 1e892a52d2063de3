import { describe, expect, it } from 'vitest';
import { HealthResponse } from './health.js';

describe('HealthResponse', () => {
  const valid = {
    status: 'ok',
    version: '1.2.3',
    uptime_s: 0,
    models: ['local'],
    database: { status: 'down', driver: 'postgres' },
  };

  it('accepts a healthy answer', () => {
    expect(HealthResponse.parse(valid)).toEqual(valid);
  });

  it.each([
    { status: 'degraded' },
    { uptime_s: -1 },
    { models: 'local' },
    { version: undefined },
    { database: undefined },
    { database: { status: 'slow', driver: 'pglite' } },
    { database: { status: 'up', driver: 'sqlite' } },
  ])('rejects %j', (change) => {
    expect(HealthResponse.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
