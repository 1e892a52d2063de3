import { EventEmitter, once } from 'node:events';
import { linkIn } from '@textpulse/smtp';
import { type Mail, Mailer } from '../../src/mail/mailer.js';

/** A mailer that keeps what it is given, for tests to read. */
export class CapturingMailer extends Mailer {
  readonly sent: Mail[] = [];
  private readonly events = new EventEmitter();

  async send(mail: Mail): Promise<void> {
    this.sent.push(mail);
    this.events.emit('sent');
  }

  /** The mails sent to `address` so far. */
  to(address: string): Mail[] {
    return this.sent.filter((mail) => mail.to === address);
  }

  /** The `count`th mail sent to `address` (1: the first), once it has been sent. */
  async nth(address: string, count: number): Promise<Mail> {
    while (this.to(address).length < count) await once(this.events, 'sent');
    return this.to(address)[count - 1] as Mail;
  }
}

/** The token of the link in a mail. */
export function tokenIn(mail: Mail): string {
  const token = linkIn(mail).searchParams.get('token');
  if (token === null) throw new Error(`No token in the link of ${JSON.stringify(mail.text)}`);
  return token;
}
