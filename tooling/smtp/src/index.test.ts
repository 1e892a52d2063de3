import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, readMailbox, ThrowawaySmtp } from './index.js';

describe('ThrowawaySmtp', () => {
  const mailbox = mkdtempSync(join(tmpdir(), 'textpulse-mailbox-'));
  let smtp: ThrowawaySmtp;
  beforeAll(async () => {
    smtp = await new ThrowawaySmtp({ mailbox }).start();
  });
  afterAll(async () => {
    await smtp.stop();
    rmSync(mailbox, { recursive: true, force: true });
  });

  it('keeps each mail it receives, parsed, and writes it to its mailbox for other processes', async () => {
    expect(smtp.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const transport = createTransport({ url: smtp.url });
    try {
      await transport.sendMail({
        from: 'TextPulse <no-reply@textpulse.example>',
        to: 'ada@example.com',
        subject: 'First',
        text: 'Open https://textpulse.example/reset-password?token=abc within an hour.',
      });
      await transport.sendMail({
        from: 'no-reply@textpulse.example',
        to: 'bob@example.com',
        subject: 'Second',
        text: 'Hello, Bob.',
      });
    } finally {
      transport.close();
    }
    const first = await smtp.to('ada@example.com');
    expect(first).toEqual({
      from: 'no-reply@textpulse.example',
      to: ['ada@example.com'],
      subject: 'First',
      text: 'Open https://textpulse.example/reset-password?token=abc within an hour.',
    });
    expect(linkIn(first).searchParams.get('token')).toBe('abc');
    expect((await smtp.nth(2)).subject).toBe('Second');
    expect(smtp.for('bob@example.com')).toHaveLength(1);
    expect(readMailbox(mailbox).map((mail) => mail.subject)).toEqual(['First', 'Second']);
  });
});
