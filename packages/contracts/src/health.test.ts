import { describe, expect, it } from 'vitest';
import { HealthResponse } from './health.js';

describe('HealthResponse', () => {
  const valid = { status: 'ok', version: '1.2.3', uptime_s: 0, models: ['local'] };

  it('accepts a healthy answer', () => {
    expect(HealthResponse.parse(valid)).toEqual(valid);
  });

  it.each([{ status: 'degraded' }, { uptime_s: -1 }, { models: 'local' }, { version: undefined }])(
    'rejects %j',
    (change) => {
      expect(HealthResponse.safeParse({ ...valid, ...change }).success).toBe(false);
    },
  );
});
