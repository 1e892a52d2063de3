import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiProblemError,
  createApiClient,
  type PromptStreamEvent,
  StreamContractError,
} from './index.js';

const frame = (event: string, data: string) => `event: ${event}\ndata: ${data}\n\n`;
const attempt = frame('attempt', '{"type":"attempt","model":"local"}');
const token = (text: string) => frame('token', JSON.stringify({ type: 'token', text }));
const done = frame(
  'done',
  JSON.stringify({
    type: 'done',
    model: 'local',
    attempts: [{ model: 'local', ok: true, duration_ms: 1 }],
  }),
);

/** What the loopback server answers, by the prompt it is sent. */
const answers: Record<string, (response: ServerResponse) => void> = {
  'a whole stream, in odd pieces': (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const text = `${attempt}: keep-alive\n\n${token('Hello')}${token(', world')}${done}`;
    // Frames split anywhere, even inside a multi-byte character, must still parse.
    const bytes = Buffer.from(text.replace('Hello', 'Héllo'));
    for (let at = 0; at < bytes.length; at += 7) response.write(bytes.subarray(at, at + 7));
    response.end();
  },
  'an event that breaks the contract': (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(`${attempt}${frame('token', '{"type":"token","text":42}')}`);
  },
  'an event that is not JSON': (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(`${attempt}${frame('token', '{"type":')}`);
  },
  'an event named for another type': (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(frame('done', '{"type":"attempt","model":"local"}'));
  },
  'a stream cut short': (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(`${attempt}${token('Hel')}`);
  },
  'a problem instead of a stream': (response) => {
    response.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '7' });
    response.end(
      JSON.stringify({
        type: '/problems/rate-limited',
        title: 'Too Many Requests',
        status: 429,
        detail: 'x',
      }),
    );
  },
  'a stream with a charset': (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    response.end(`${attempt}${done}`);
  },
  'JSON instead of a stream': (response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"answer":"no"}');
  },
  'a bare error page': (response) => {
    response.writeHead(502);
    response.end('<html>Bad gateway</html>');
  },
  'a problem of another status': (response) => {
    response.writeHead(500, { 'content-type': 'application/problem+json' });
    response.end(
      JSON.stringify({ type: '/problems/rate-limited', title: 'Too Many Requests', status: 429 }),
    );
  },
  'a problem without detail': (response) => {
    response.writeHead(500, { 'content-type': 'application/problem+json' });
    response.end(
      JSON.stringify({
        type: '/problems/internal-error',
        title: 'Internal Server Error',
        status: 500,
      }),
    );
  },
  'an endless stream': (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`${attempt}${token('Hello')}`);
    response.once('close', () => closed.push('an endless stream'));
  },
};
const closed: string[] = [];

async function collect(events: AsyncIterable<PromptStreamEvent>) {
  const seen: PromptStreamEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe('streamPrompt against a loopback server', () => {
  let server: Server;
  let baseUrl: string;
  /** Made in each test, so that each one runs createApiClient itself. */
  const client = () => createApiClient(`${baseUrl}/`);
  const requests: {
    url: string | undefined;
    accept: string | undefined;
    contentType: string | undefined;
    body: string;
  }[] = [];

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      const { accept, 'content-type': contentType } = request.headers;
      requests.push({ url: request.url, accept, contentType, body });
      answers[(JSON.parse(body) as { prompt: string }).prompt]?.(response);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  it('POSTs the body to /v1/prompt/stream and yields each validated event, comments skipped', async () => {
    const events = await collect(
      client().streamPrompt({ prompt: 'a whole stream, in odd pieces' }),
    );
    expect(events.map((event) => event.type)).toEqual(['attempt', 'token', 'token', 'done']);
    expect(events[1]).toEqual({ type: 'token', text: 'Héllo' });
    expect(requests.at(-1)).toEqual({
      url: '/v1/prompt/stream',
      accept: 'text/event-stream',
      contentType: 'application/json',
      body: '{"prompt":"a whole stream, in odd pieces"}',
    });
  });

  it.each(['', '/', '///'])(
    'finds /v1/prompt/stream under a base URL ending in "%s"',
    async (end) => {
      const events = await collect(
        createApiClient(`${baseUrl}${end}`).streamPrompt({ prompt: 'a stream with a charset' }),
      );
      expect(events.map((event) => event.type)).toEqual(['attempt', 'done']);
      expect(requests.at(-1)?.url).toBe('/v1/prompt/stream');
    },
  );

  it.each([
    ['JSON instead of a stream', 200, 'Expected an event stream, got HTTP 200 (application/json)'],
    ['a bare error page', 502, 'Expected an event stream, got HTTP 502 (no content type)'],
    [
      'a problem of another status',
      500,
      'Expected an event stream, got HTTP 500 (application/problem+json)',
    ],
  ])('throws a StreamContractError with the status for %s', async (prompt, status, message) => {
    const error = await collect(client().streamPrompt({ prompt })).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(StreamContractError);
    expect(error).toMatchObject({ name: 'StreamContractError', message, data: undefined, status });
  });

  it.each([
    [
      'an event that breaks the contract',
      'An event breaks the contract',
      '{"type":"token","text":42}',
    ],
    ['an event that is not JSON', 'An event is not JSON', '{"type":'],
    [
      'an event named for another type',
      'A "attempt" event is named "done"',
      '{"type":"attempt","model":"local"}',
    ],
    ['a stream cut short', 'The stream ended before its last event (done or error)', undefined],
  ])('throws a StreamContractError for %s', async (prompt, message, data) => {
    const error = await collect(client().streamPrompt({ prompt })).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(StreamContractError);
    expect(error).toMatchObject({ message, data });
  });

  it.each([
    ['an event that breaks the contract', Error],
    ['an event that is not JSON', SyntaxError],
  ])('keeps why %s as the cause', async (prompt, cause) => {
    const error = await collect(client().streamPrompt({ prompt })).catch((thrown) => thrown);
    expect(error.cause).toBeInstanceOf(cause);
  });

  it('yields the events before the one that breaks the contract', async () => {
    const seen: PromptStreamEvent[] = [];
    await expect(async () => {
      for await (const event of client().streamPrompt({ prompt: 'a stream cut short' })) {
        seen.push(event);
      }
    }).rejects.toThrow(StreamContractError);
    expect(seen).toEqual([
      { type: 'attempt', model: 'local' },
      { type: 'token', text: 'Hel' },
    ]);
  });

  it('throws an ApiProblemError carrying the problem when the server answers one', async () => {
    const error = await collect(
      client().streamPrompt({ prompt: 'a problem instead of a stream' }),
    ).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(ApiProblemError);
    expect(error).toMatchObject({ name: 'ApiProblemError', message: 'x', retryAfter: '7' });
    expect(error.problem).toEqual({
      type: '/problems/rate-limited',
      title: 'Too Many Requests',
      status: 429,
      detail: 'x',
    });
  });

  it('words an ApiProblemError with the title when the problem has no detail', async () => {
    const error = await collect(
      client().streamPrompt({ prompt: 'a problem without detail' }),
    ).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(ApiProblemError);
    expect(error.message).toBe('Internal Server Error');
    expect(error.retryAfter).toBeUndefined();
  });

  it('closes the connection when the caller aborts', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of client().streamPrompt(
        { prompt: 'an endless stream' },
        { signal: controller.signal },
      )) {
        seen.push(event.type);
        if (event.type === 'token') controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow(/abort/i);
    expect(seen).toEqual(['attempt', 'token']);
    await expect.poll(() => closed).toContain('an endless stream');
  });

  it('closes the connection when the caller stops reading', async () => {
    closed.length = 0;
    for await (const event of client().streamPrompt({ prompt: 'an endless stream' })) {
      if (event.type === 'token') break;
    }
    await expect.poll(() => closed).toContain('an endless stream');
  });
});
