import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';

/** Requests through a trusted proxy, each from the client address it forwards. */
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('the stricter limit on sign-in and sign-up attempts', () => {
  let app: NestFastifyApplication;
  let email: string;
  const password = 'not the password at all';
  const rightPassword = 'correct horse battery staple';

  beforeAll(async () => {
    // Two attempts per account and per address in ten minutes; the general limit is far away.
    app = await createTestApp({
      AUTH_RATE_LIMIT_MAX: '2',
      AUTH_RATE_LIMIT_WINDOW_S: '600',
      RATE_LIMIT_MAX: '1000',
      TRUST_PROXY: '127.0.0.1, ::1',
    });
    ({ email } = await signUp(app));
  });
  afterAll(() => app.close());

  const signIn = (address: string, as: string) =>
    api(app).post('/v1/auth/sign-in').set(from(address)).send({ email: as, password });

  it('limits attempts on one account, whatever address they come from and however the email is written', async () => {
    // The sign-up was the account's first attempt.
    expectProblem(await signIn('192.0.2.1', email), 401);
    const limited = await api(app)
      .post('/v1/auth/sign-in')
      .set(from('192.0.2.2'))
      .send({ email: email.toUpperCase(), password: rightPassword });
    // Even the right password waits: the limit does not tell a guess that found it.
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(limited.body.detail).toMatch(/^Rate limit of 2 requests per 600 s exceeded/);
    // The limit that refused it, in the IETF fields: not the general one.
    expect(limited.headers['ratelimit-policy']).toBe('"credentials";q=2;w=600');
    expect(limited.headers.ratelimit).toBe(`"credentials";r=0;t=${limited.headers['retry-after']}`);
    // Another account from another address is not held back.
    expectProblem(await signIn('192.0.2.4', 'someone-else@example.com'), 401);
  });

  it('limits attempts from one address, whatever accounts they name, sign-ups included', async () => {
    const address = '198.51.100.7';
    expectProblem(await signIn(address, 'first@example.com'), 401);
    await api(app)
      .post('/v1/auth/sign-up')
      .set(from(address))
      .send({ name: 'Cy', email: 'cy@example.com', password: rightPassword })
      .expect(201);
    const limited = await api(app)
      .post('/v1/auth/sign-up')
      .set(from(address))
      .send({ name: 'Di', email: 'di@example.com', password: rightPassword });
    expectProblem(limited, 429);
    expect(limited.headers['retry-after']).toBeDefined();
    // Refused by its address, an attempt does not count against the account it names: from
    // another address, the account's password still lets its owner in.
    expectProblem(await signIn(address, 'cy@example.com'), 429);
    await api(app)
      .post('/v1/auth/sign-in')
      .set(from('198.51.100.8'))
      .send({ email: 'cy@example.com', password: rightPassword })
      .expect(200);
  });

  it('does not count a request the contract refuses before any password is tried', async () => {
    const address = '203.0.113.9';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expectProblem(
        await api(app).post('/v1/auth/sign-in').set(from(address)).send({ email: 'not an email' }),
        422,
      );
    }
    expectProblem(await signIn(address, 'nobody@example.com'), 401);
  });
});
