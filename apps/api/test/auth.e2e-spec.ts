import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SESSION_COOKIE } from '@textpulse/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyses, apiKeys } from '../src/storage/schema.js';
import { Storage } from '../src/storage/storage.js';
import { createTestApp } from './support/app.js';
import { sessionCookieOf, signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';

describe('accounts, sessions and API keys', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_MAX: '1000000' });
  });
  afterAll(() => app.close());

  it('signs up and in with a session cookie: httpOnly, SameSite=Lax, not Secure outside production', async () => {
    const ada = await signUp(app);
    const signedIn = await api(app)
      .post('/v1/auth/sign-in')
      .send({ email: ada.email.toUpperCase(), password: ada.password })
      .expect(200);
    const [line] = signedIn.headers['set-cookie'] as unknown as string[];
    expect(line).toMatch(new RegExp(`^${SESSION_COOKIE.replace('.', '\\.')}=[^;]+;`));
    expect(line).toContain('HttpOnly');
    expect(line).toContain('SameSite=Lax');
    expect(line).not.toContain('Secure');
    expect(signedIn.body.account).toMatchObject({ id: ada.userId, email: ada.email });
    const session = await api(app, { cookie: sessionCookieOf(line) })
      .get('/v1/auth/session')
      .expect(200);
    expect(session.body.account.email).toBe(ada.email);
  });

  it('answers an unknown email and a wrong password the same way', async () => {
    const ada = await signUp(app);
    const unknown = await api(app)
      .post('/v1/auth/sign-in')
      .send({ email: 'nobody-here@example.com', password: ada.password })
      .set('x-request-id', 'same');
    const wrong = await api(app)
      .post('/v1/auth/sign-in')
      .send({ email: ada.email, password: 'not the password at all' })
      .set('x-request-id', 'same');
    expectProblem(unknown, 401);
    expect(unknown.body.type).toBe('/problems/invalid-credentials');
    expect(wrong.text).toBe(unknown.text);
  });

  it('answers a second sign-up with the same email 409', async () => {
    const ada = await signUp(app);
    const again = await api(app)
      .post('/v1/auth/sign-up')
      .send({ name: 'Ada again', email: ada.email, password: 'another long password' });
    expectProblem(again, 409);
  });

  it('ends the session on sign-out, everywhere', async () => {
    const ada = await signUp(app);
    const out = await api(app, { cookie: ada.cookie }).post('/v1/auth/sign-out').expect(204);
    expect(String(out.headers['set-cookie'])).toContain(`${SESSION_COOKIE}=;`);
    expectProblem(await api(app, { cookie: ada.cookie }).get('/v1/auth/session'), 401);
    // The person's keys still work: signing out ends a session, not the account.
    await api(app, { key: ada.key }).get('/v1/analyses').expect(200);
  });

  it("ends every other session on a password change, keeps the changer's, and refuses a wrong current password", async () => {
    const ada = await signUp(app);
    const other = sessionCookieOf(
      (
        await api(app)
          .post('/v1/auth/sign-in')
          .send({ email: ada.email, password: ada.password })
          .expect(200)
      ).headers['set-cookie'],
    );
    const refused = await api(app, { cookie: ada.cookie }).post('/v1/auth/password').send({
      current_password: 'not the password at all',
      new_password: 'a brand new passphrase',
    });
    expectProblem(refused, 403);
    const changed = await api(app, { cookie: ada.cookie })
      .post('/v1/auth/password')
      .send({ current_password: ada.password, new_password: 'a brand new passphrase' })
      .expect(204);
    const renewed = sessionCookieOf(changed.headers['set-cookie']);
    expectProblem(await api(app, { cookie: other }).get('/v1/auth/session'), 401);
    await api(app, { cookie: renewed }).get('/v1/auth/session').expect(200);
    expectProblem(
      await api(app).post('/v1/auth/sign-in').send({ email: ada.email, password: ada.password }),
      401,
    );
  });

  it('shows a key once, stores it hashed, lists it without the key, and stops it at its expiry', async () => {
    const ada = await signUp(app);
    const created = await api(app, { cookie: ada.cookie })
      .post('/v1/auth/api-keys')
      .send({ name: 'export', expires_in_days: 30 })
      .expect(201);
    const { key, id, created_at, expires_at } = created.body;
    expect(key).toMatch(/^tp_/);
    expect(created.body.start).toBe(key.slice(0, 7));
    // Both times are the server's, taken together: 30 days apart.
    const days = (Date.parse(expires_at) - Date.parse(created_at)) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    const storage = app.get(Storage);
    const [row] = await storage.run((db) => db.select().from(apiKeys).where(eq(apiKeys.id, id)));
    expect(row?.key).toBeDefined();
    expect(row?.key).not.toContain(key.slice(3));

    const listed = await api(app, { cookie: ada.cookie }).get('/v1/auth/api-keys').expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(listed.text).not.toContain(key.slice(3));

    await api(app, { key }).get('/v1/analyses').expect(200);
    await storage.run((db) =>
      db
        .update(apiKeys)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(apiKeys.id, id)),
    );
    expectProblem(await api(app, { key }).get('/v1/analyses'), 401);
  });

  it('revokes a key at once; another person cannot revoke it', async () => {
    const [ada, bob] = [await signUp(app), await signUp(app, 'Bob')];
    const keys = await api(app, { cookie: ada.cookie }).get('/v1/auth/api-keys').expect(200);
    const [{ id }] = keys.body.items;
    expectProblem(await api(app, { cookie: bob.cookie }).delete(`/v1/auth/api-keys/${id}`), 404);
    await api(app, { key: ada.key }).get('/v1/analyses').expect(200);
    await api(app, { cookie: ada.cookie }).delete(`/v1/auth/api-keys/${id}`).expect(204);
    expectProblem(await api(app, { key: ada.key }).get('/v1/analyses'), 401);
  });

  it("deletes an account with its sessions, keys and analyses, and no one else's", async () => {
    const [ada, bob] = [await signUp(app), await signUp(app, 'Bob')];
    await api(app, { key: ada.key }).post('/v1/analyses').send({ text: 'Ada wrote this one.' });
    const bobs = await api(app, { key: bob.key })
      .post('/v1/analyses')
      .send({ text: 'Bob wrote this one.' })
      .expect(201);
    expectProblem(
      await api(app, { cookie: ada.cookie })
        .delete('/v1/auth/account')
        .send({ password: 'not the password at all' }),
      403,
    );
    await api(app, { cookie: ada.cookie })
      .delete('/v1/auth/account')
      .send({ password: ada.password })
      .expect(204);
    expectProblem(await api(app, { cookie: ada.cookie }).get('/v1/auth/session'), 401);
    expectProblem(await api(app, { key: ada.key }).get('/v1/analyses'), 401);
    const left = await app
      .get(Storage)
      .run((db) => db.select().from(analyses).where(eq(analyses.ownerId, ada.userId)));
    expect(left).toEqual([]);
    await api(app, { key: bob.key }).get(`/v1/analyses/${bobs.body.id}`).expect(200);
  });

  it('refuses an API key where only a session may act', async () => {
    const ada = await signUp(app);
    const refused = await api(app, { key: ada.key })
      .post('/v1/auth/api-keys')
      .send({ name: 'made by a key' });
    expectProblem(refused, 403);
    expect(refused.body.detail).toBe('Only a signed-in session may do this, not an API key.');
  });
});

describe('session cookies in production', () => {
  it('are Secure', async () => {
    const app = await createTestApp({ NODE_ENV: 'production', AUTH_SECRET: 'a'.repeat(32) });
    try {
      const response = await api(app)
        .post('/v1/auth/sign-up')
        .send({ name: 'Ada', email: 'ada@example.com', password: 'correct horse battery staple' })
        .expect(201);
      expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await app.close();
    }
  });
});
