import { Logger } from '@nestjs/common';
import type { Mail, Mailer } from '../mail/mailer.js';

/** How long the link of a password reset, or of an address verification, works. */
export const LINK_LIFETIME_S = 3600;

/** The web app's pages that the links in mail open. */
const LINK_PAGES = { resetPassword: '/reset-password', verifyEmail: '/verify-email' };

/**
 * The mail an account gets: a link to set a new password, a link to verify its address. Each
 * link opens a page of the web app with the token in its query. Sending does not hold the
 * request up: the answer cannot tell, by its timing, whether an address has an account; a mail
 * that cannot be sent is logged (without its link).
 */
export class AccountMail {
  private readonly logger = new Logger(AccountMail.name);

  constructor(
    private readonly mailer: Mailer,
    private readonly linkOrigin: string,
  ) {}

  passwordReset(to: string, token: string): void {
    const link = this.link(LINK_PAGES.resetPassword, token);
    this.send({
      to,
      subject: 'Reset your TextPulse password',
      text: [
        'Someone asked to reset the password of the TextPulse account that uses this address.',
        `To choose a new password, open this link within an hour (it works once):\n\n${link}`,
        'If it was not you, ignore this mail: your password stays as it is.',
      ].join('\n\n'),
    });
  }

  verification(to: string, token: string): void {
    const link = this.link(LINK_PAGES.verifyEmail, token);
    this.send({
      to,
      subject: 'Verify your email address for TextPulse',
      text: [
        'To verify the address of your TextPulse account and sign in, open this link within an hour:',
        link,
        'If you did not make an account, ignore this mail.',
      ].join('\n\n'),
    });
  }

  private link(page: string, token: string): string {
    const url = new URL(page, this.linkOrigin);
    url.searchParams.set('token', token);
    return url.href;
  }

  private send(mail: Mail): void {
    this.mailer.send(mail).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`Mail "${mail.subject}" not sent: ${reason}`);
    });
  }
}
