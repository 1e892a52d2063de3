import { EventEmitter, once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as it arrived: who sent it, to whom, its subject and its plain text. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  [field ?? []]
    .flat()
    .flatMap((group) => group.value)
    .map((address) => address.address ?? '');

/**
 * An SMTP server on a free loopback port that keeps every mail it receives; with `mailbox`, each
 * also as <n>.json in that directory, for another process to read (readMailbox).
 */
export class ThrowawaySmtp {
  readonly received: ReceivedMail[] = [];
  private readonly events = new EventEmitter();
  private readonly server: SMTPServer;

  constructor(private readonly options: { mailbox?: string } = {}) {
    if (options.mailbox !== undefined) mkdirSync(options.mailbox, { recursive: true });
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, done) => {
        simpleParser(stream).then(
          (parsed) => {
            this.keep({
              from: addresses(parsed.from)[0] ?? '',
              to: addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: (parsed.text ?? '').trimEnd(),
            });
            done();
          },
          (error: Error) => done(error),
        );
      },
    });
  }

  private keep(mail: ReceivedMail): void {
    this.received.push(mail);
    const { mailbox } = this.options;
    if (mailbox !== undefined) {
      const name = `${String(this.received.length).padStart(6, '0')}.json`;
      writeFileSync(join(mailbox, name), JSON.stringify(mail));
    }
    this.events.emit('mail');
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server.server, 'listening');
    return this;
  }

  /** SMTP_URL for the server. */
  get url(): string {
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  /** The mails received for `address` so far. */
  for(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  /** The `count`th mail received for `address` (1: the first), once it has arrived. */
  async to(address: string, count = 1): Promise<ReceivedMail> {
    while (this.for(address).length < count) await once(this.events, 'mail');
    return this.for(address)[count - 1] as ReceivedMail;
  }

  /** The `count`th mail received (1: the first), once it has arrived. */
  async nth(count: number): Promise<ReceivedMail> {
    while (this.received.length < count) await once(this.events, 'mail');
    return this.received[count - 1] as ReceivedMail;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The mails a ThrowawaySmtp has written to `mailbox` so far, oldest first. */
export function readMailbox(mailbox: string): ReceivedMail[] {
  return readdirSync(mailbox)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(mailbox, name), 'utf8')) as ReceivedMail);
}

/** The first link in a mail's text. */
export function linkIn(mail: { readonly text: string }): URL {
  const found = /https?:\/\/\S+/.exec(mail.text);
  if (!found) throw new Error(`No link in ${JSON.stringify(mail.text)}`);
  return new URL(found[0]);
}
