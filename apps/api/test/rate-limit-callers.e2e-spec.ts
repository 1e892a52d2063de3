import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { type Person, signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';

describe('the rate limit, per caller', () => {
  let app: NestFastifyApplication;
  let ada: Person;
  let bob: Person;
  const text = 'A text long enough to count against a limit.';

  beforeAll(async () => {
    // Two of each operation per bucket and minute: both sign-ups of this address fit.
    app = await createTestApp({ RATE_LIMIT_MAX: '2' });
    [ada, bob] = [await signUp(app, 'Ada'), await signUp(app, 'Bob')];
  });
  afterAll(() => app.close());

  it('gives each person their own bucket, though both call from one address, by key or by session', async () => {
    await api(app, { key: ada.key }).post('/v1/analyses').send({ text }).expect(201);
    await api(app, { cookie: ada.cookie }).post('/v1/analyses').send({ text }).expect(201);
    const limited = await api(app, { key: ada.key }).post('/v1/analyses').send({ text });
    expectProblem(limited, 429);
    expect(limited.headers['retry-after']).toBeDefined();
    await api(app, { key: bob.key }).post('/v1/analyses').send({ text }).expect(201);
  });

  it('counts tokens it cannot verify against their address: inventing tokens buys no bucket', async () => {
    const invented = (n: number) => ({ key: `tp_invented-${n}` });
    await api(app, invented(1)).post('/v1/analyze').send({ text }).expect(200);
    await api(app, invented(2)).post('/v1/analyze').send({ text }).expect(200);
    expectProblem(await api(app, invented(3)).post('/v1/analyze').send({ text }), 429);
    expectProblem(await api(app).post('/v1/analyze').send({ text }), 429);
    // A verified caller of the same public operation counts in their own bucket.
    await api(app, { key: ada.key }).post('/v1/analyze').send({ text }).expect(200);
    await api(app, { cookie: bob.cookie }).post('/v1/analyze').send({ text }).expect(200);
  });
});
