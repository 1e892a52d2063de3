import type { FastifyBaseLogger } from 'fastify';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../config.js';

/** One email: plain text, to one address. */
export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * The one way out for mail (verification and password-reset links): SMTP in production, the log
 * in development, a capturing mailer in tests (test/support/mail.ts).
 */
export abstract class Mailer {
  abstract send(mail: Mail): Promise<void>;
  /** Lets go of what the mailer holds (connections); the app calls it when it closes. */
  async close(): Promise<void> {}
}

/** Sends through the SMTP server at SMTP_URL (nodemailer), from MAIL_FROM. */
export class SmtpMailer extends Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    timeoutMs: number,
  ) {
    super();
    this.transport = createTransport({
      url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...mail });
  }

  override async close(): Promise<void> {
    this.transport.close();
  }
}

/**
 * Without SMTP_URL: outside production, writes each mail to the log (info), so that a developer
 * can open its link with no mail server; in production, where a link in a log would be a leak,
 * logs only that a mail was not sent (warn).
 */
export class LogMailer extends Mailer {
  constructor(
    private readonly logger: FastifyBaseLogger,
    private readonly production: boolean,
  ) {
    super();
  }

  async send(mail: Mail): Promise<void> {
    if (this.production) {
      this.logger.warn({ subject: mail.subject }, 'Mail not sent: SMTP_URL is not set');
      return;
    }
    // `content`, not `text`: the log redacts every `text` (what people analyze).
    const { to, subject, text: content } = mail;
    this.logger.info({ mail: { to, subject, content } }, 'Mail not sent (no SMTP_URL); here it is');
  }
}

/** The mailer the settings ask for. */
export function mailerFor(config: AppConfig, logger: FastifyBaseLogger): Mailer {
  const { smtpUrl, from, timeoutMs } = config.mail;
  if (smtpUrl !== undefined) return new SmtpMailer(smtpUrl, from, timeoutMs);
  return new LogMailer(logger, config.production);
}
