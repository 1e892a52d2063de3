import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnswer {
  status: number;
  delayMs?: number;
  contentType?: string;
  /** Headers beyond Content-Type, such as Retry-After. */
  headers?: Record<string, string>;
  body: string;
}

/** A stand-in for the TextPulse API on loopback: records each request, answers what the test set. */
export class FakeApi {
  readonly requests: { method: string | undefined; url: string | undefined; body: unknown }[] = [];
  /** The X-Request-Id of each request, in the same order. */
  readonly requestIds: (string | undefined)[] = [];
  /** The headers of each request, in the same order. */
  readonly requestHeaders: IncomingHttpHeaders[] = [];
  /** How many requests the client gave up on before they were answered. */
  abandoned = 0;
  answer: FakeAnswer = { status: 500, body: '' };
  /** What GET /v1/auth/session answers once signIn() was called (not recorded in requests). */
  private session: string | undefined;
  private readonly arrivals = new EventEmitter();
  private readonly server: Server = createServer(async (request, response) => {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    if (this.session && request.url === '/v1/auth/session' && request.headers.cookie) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(this.session);
      return;
    }
    this.requestIds.push(request.headers['x-request-id'] as string | undefined);
    this.requestHeaders.push(request.headers);
    this.requests.push({
      method: request.method,
      url: request.url,
      body: raw ? JSON.parse(raw) : undefined,
    });
    this.arrivals.emit('request');
    const { delayMs } = this.answer;
    if (delayMs) {
      // Stops waiting as soon as the client gives up, so no timer outlives its request.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        response.once('close', () => {
          clearTimeout(timer);
          if (!response.writableEnded) this.abandoned += 1;
          resolve();
        });
      });
    }
    if (response.destroyed) return;
    response.writeHead(this.answer.status, {
      ...this.answer.headers,
      'content-type': this.answer.contentType ?? 'application/json',
    });
    response.end(this.answer.body);
  });

  /** Resolves once the next request has arrived and been recorded. */
  async nextRequest(): Promise<void> {
    await once(this.arrivals, 'request');
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reply(
    status: number,
    body: unknown,
    contentType?: string,
    headers: Record<string, string> = {},
  ): void {
    this.answer = {
      status,
      body: JSON.stringify(body),
      headers,
      ...(contentType ? { contentType } : {}),
    };
  }

  /**
   * Knows a session from now on: GET /v1/auth/session with a cookie answers this person, as the
   * API does for a signed-in browser (the pages that need a person then go on to their data).
   */
  signIn(): this {
    this.session = JSON.stringify({
      account: {
        id: 'fake-account',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        email_verified: false,
        created_at: '2026-12-06T12:00:00.000Z',
      },
      expires_at: '2026-12-13T12:00:00.000Z',
    });
    return this;
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
