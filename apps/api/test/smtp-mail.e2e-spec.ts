import { refusedPort } from '@textpulse/ports';
import { ThrowawaySmtp } from '@textpulse/smtp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpMailer } from '../src/mail/mailer.js';
import { createTestApp } from './support/app.js';
import { signUp } from './support/callers.js';
import { api } from './support/documented.js';
import { LogLines } from './support/logs.js';

describe('mail over SMTP (SMTP_URL)', () => {
  let smtp: ThrowawaySmtp;
  beforeAll(async () => {
    smtp = await new ThrowawaySmtp().start();
  });
  afterAll(() => smtp.stop());

  it('sends each mail from MAIL_FROM, to its address, with its subject and text', async () => {
    const mailer = new SmtpMailer(smtp.url, 'TextPulse <accounts@textpulse.example>', 5000);
    try {
      await mailer.send({ to: 'ada@example.com', subject: 'Hello', text: 'One line.\n\nAnother.' });
    } finally {
      await mailer.close();
    }
    expect(await smtp.nth(1)).toEqual({
      from: 'accounts@textpulse.example',
      to: ['ada@example.com'],
      subject: 'Hello',
      text: 'One line.\n\nAnother.',
    });
  });

  it("carries the API's password-reset link to the SMTP server", async () => {
    const app = await createTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'TextPulse <accounts@textpulse.example>',
    });
    try {
      const ada = await signUp(app);
      await api(app)
        .post('/v1/auth/password-reset-requests')
        .send({ email: ada.email })
        .expect(202);
      const mail = await smtp.to(ada.email);
      expect(mail.subject).toBe('Reset your TextPulse password');
      expect(mail.text).toMatch(/http:\/\/localhost:3000\/reset-password\?token=\S+/);
    } finally {
      await app.close();
    }
  });

  it('answers the request even when the SMTP server cannot be reached, and logs why', async () => {
    const logs = new LogLines();
    const app = await createTestApp(
      { SMTP_URL: `smtp://127.0.0.1:${await refusedPort()}`, MAIL_TIMEOUT_MS: '2000' },
      { logs },
    );
    try {
      const ada = await signUp(app);
      await api(app)
        .post('/v1/auth/password-reset-requests')
        .send({ email: ada.email })
        .expect(202);
      const failed = /^Mail "Reset your TextPulse password" not sent: /;
      await logs.until(failed);
      expect(logs.saying(failed)).toEqual([expect.objectContaining({ level: 50 })]);
      expect(JSON.stringify(logs.lines)).not.toContain('token=');
    } finally {
      await app.close();
    }
  });
});
