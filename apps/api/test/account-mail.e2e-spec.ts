import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { linkIn } from '@textpulse/smtp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mail, Mailer } from '../src/mail/mailer.js';
import { createTestApp } from './support/app.js';
import { type Person, sessionCookieOf, signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';
import { LogLines } from './support/logs.js';
import { CapturingMailer, tokenIn } from './support/mail.js';

const password = 'correct horse battery staple';
const newPassword = 'a longer passphrase than before';

const signIn = (app: NestFastifyApplication, email: string, with_ = password) =>
  api(app).post('/v1/auth/sign-in').send({ email, password: with_ });

const requestReset = (app: NestFastifyApplication, email: string) =>
  api(app).post('/v1/auth/password-reset-requests').send({ email });

describe('password reset', () => {
  let app: NestFastifyApplication;
  const mailer = new CapturingMailer();

  beforeAll(async () => {
    app = await createTestApp({ CORS_ORIGINS: 'https://textpulse.example' }, { mailer });
  });
  afterAll(() => app.close());

  it("mails a link to the web app's reset page; it sets a new password once, and every session ends", async () => {
    const ada: Person = await signUp(app);
    const asked = await requestReset(app, ada.email).expect(202);
    expect(asked.text).toBe('');

    const mail = await mailer.nth(ada.email, 1);
    expect(mail.subject).toBe('Reset your TextPulse password');
    const link = linkIn(mail);
    expect(`${link.origin}${link.pathname}`).toBe('https://textpulse.example/reset-password');

    await api(app)
      .post('/v1/auth/password-resets')
      .send({ token: tokenIn(mail), new_password: newPassword })
      .expect(204);
    expectProblem(await api(app, { cookie: ada.cookie }).get('/v1/auth/session'), 401);
    expectProblem(await signIn(app, ada.email), 401);
    await signIn(app, ada.email, newPassword).expect(200);

    const again = await api(app)
      .post('/v1/auth/password-resets')
      .send({ token: tokenIn(mail), new_password: 'yet another long passphrase' });
    expectProblem(again, 410);
    expect(again.body.type).toBe('/problems/link-expired');
  });

  it('answers an address with no account exactly as one with an account, and mails it nothing', async () => {
    const bob = await signUp(app, 'Bob');
    const known = await requestReset(app, bob.email).expect(202);
    const unknown = await requestReset(app, 'nobody-here@example.com').expect(202);
    expect(unknown.text).toBe(known.text);
    // What differs from one request to the next whatever the address: the date, the request id,
    // and what is left of this client's rate limit.
    const { date: _d, 'x-request-id': _k, ratelimit: _r, ...knownHeaders } = known.headers;
    const { date: _e, 'x-request-id': _u, ratelimit: _s, ...unknownHeaders } = unknown.headers;
    expect(unknownHeaders).toEqual(knownHeaders);
    // A later mail to Bob has arrived: a mail to the unknown address would have been sent before.
    await requestReset(app, bob.email).expect(202);
    await mailer.nth(bob.email, 2);
    expect(mailer.to('nobody-here@example.com')).toEqual([]);
  });

  it('refuses a token it never made (410), and a new password the rules refuse (422)', async () => {
    const invented = await api(app)
      .post('/v1/auth/password-resets')
      .send({ token: 'an-invented-token', new_password: newPassword });
    expectProblem(invented, 410);
    expectProblem(
      await api(app)
        .post('/v1/auth/password-resets')
        .send({ token: 'an-invented-token', new_password: 'short' }),
      422,
    );
  });
});

describe('email verification, off by default', () => {
  it('signs a new account in at once, unverified, and mails nothing', async () => {
    const mailer = new CapturingMailer();
    const app = await createTestApp({}, { mailer });
    try {
      const email = 'straight-in@example.com';
      const made = await api(app)
        .post('/v1/auth/sign-up')
        .send({ name: 'Ada', email, password })
        .expect(201);
      expect(made.body.account.email_verified).toBe(false);
      expect(made.body.expires_at).toEqual(expect.any(String));
      const cookie = sessionCookieOf(made.headers['set-cookie']);
      await api(app, { cookie }).get('/v1/auth/session').expect(200);
      await signIn(app, email).expect(200);
      expect(mailer.sent).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('email verification, with REQUIRE_EMAIL_VERIFICATION=true', () => {
  let app: NestFastifyApplication;
  const mailer = new CapturingMailer();

  beforeAll(async () => {
    app = await createTestApp({ REQUIRE_EMAIL_VERIFICATION: 'true' }, { mailer });
  });
  afterAll(() => app.close());

  const signUpAs = (email: string) =>
    api(app).post('/v1/auth/sign-up').send({ name: 'Cy', email, password });

  it('starts no session at sign-up but mails a link; the link verifies the address and signs in, once', async () => {
    const email = 'cy@example.com';
    const made = await signUpAs(email).expect(201);
    expect(made.body).toEqual({
      account: expect.objectContaining({ email, email_verified: false }),
      expires_at: null,
    });
    expect(made.headers['set-cookie']).toBeUndefined();
    const first = await mailer.nth(email, 1);
    expect(first.subject).toBe('Verify your email address for TextPulse');
    expect(linkIn(first).pathname).toBe('/verify-email');

    // The right password of an unverified account: 403, and a new link. A wrong one: 401.
    const waiting = await signIn(app, email);
    expectProblem(waiting, 403);
    expect(waiting.body.type).toBe('/problems/email-not-verified');
    await mailer.nth(email, 2);
    expectProblem(await signIn(app, email, 'not the password at all'), 401);
    expect(mailer.to(email)).toHaveLength(2);

    const verified = await api(app)
      .post('/v1/auth/email-verifications')
      .send({ token: tokenIn(first) })
      .expect(200);
    expect(verified.body.account.email_verified).toBe(true);
    const cookie = sessionCookieOf(verified.headers['set-cookie']);
    await api(app, { cookie }).get('/v1/auth/session').expect(200);
    await signIn(app, email).expect(200);

    expectProblem(
      await api(app)
        .post('/v1/auth/email-verifications')
        .send({ token: tokenIn(first) }),
      410,
    );
  });

  it('answers a sign-up with an address that has an account as it answers a new one', async () => {
    const email = 'taken@example.com';
    const first = await signUpAs(email).expect(201);
    const second = await signUpAs(email).expect(201);
    expect(second.body).toEqual({
      account: { ...first.body.account, id: expect.any(String), created_at: expect.any(String) },
      expires_at: null,
    });
    expect(second.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a token it never made with 410', async () => {
    const refused = await api(app)
      .post('/v1/auth/email-verifications')
      .send({ token: 'an-invented-token' });
    expectProblem(refused, 410);
    expect(refused.body.type).toBe('/problems/link-expired');
  });
});

describe('mail without SMTP_URL', () => {
  it('goes to the log in development, link and all', async () => {
    const logs = new LogLines();
    const app = await createTestApp({}, { logs });
    try {
      const ada = await signUp(app);
      await requestReset(app, ada.email).expect(202);
      const said = 'Mail not sent (no SMTP_URL); here it is';
      await logs.until(said);
      expect(logs.saying(said)).toEqual([
        expect.objectContaining({
          level: 30,
          mail: {
            to: ada.email,
            subject: 'Reset your TextPulse password',
            content: expect.stringMatching(/http:\/\/localhost:3000\/reset-password\?token=\S+/),
          },
        }),
      ]);
    } finally {
      await app.close();
    }
  });

  it('is not sent in production, and its link never reaches the log', async () => {
    const logs = new LogLines();
    const app = await createTestApp(
      { NODE_ENV: 'production', AUTH_SECRET: 's'.repeat(32) },
      { logs },
    );
    try {
      const ada = await signUp(app);
      await requestReset(app, ada.email).expect(202);
      await logs.until('Mail not sent: SMTP_URL is not set');
      const [line] = logs.saying('Mail not sent: SMTP_URL is not set');
      expect(line).toMatchObject({ level: 40, subject: 'Reset your TextPulse password' });
      expect(JSON.stringify(logs.lines)).not.toContain('reset-password?token=');
    } finally {
      await app.close();
    }
  });
});

/** A mailer whose server never takes a mail. */
class RefusingMailer extends Mailer {
  async send(_mail: Mail): Promise<void> {
    throw new Error('connect ECONNREFUSED 127.0.0.1:25');
  }
}

describe('a mail that cannot be sent', () => {
  it('does not fail the request; the failure is logged without the link', async () => {
    const logs = new LogLines();
    const app = await createTestApp({}, { logs, mailer: new RefusingMailer() });
    try {
      const ada = await signUp(app);
      await requestReset(app, ada.email).expect(202);
      const said =
        'Mail "Reset your TextPulse password" not sent: connect ECONNREFUSED 127.0.0.1:25';
      await logs.until(said);
      expect(logs.saying(said)).toEqual([expect.objectContaining({ level: 50 })]);
      expect(JSON.stringify(logs.lines)).not.toContain('token=');
    } finally {
      await app.close();
    }
  });
});
