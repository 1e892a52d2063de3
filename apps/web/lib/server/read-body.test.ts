import { describe, expect, it } from 'vitest';
import { readBody } from './read-body';

const LIMIT = 16;

/**
 * A request whose body is `chunks`, then its end: closed, an error (the client went away), or
 * none yet (a client still sending).
 */
function requestOf(
  chunks: Uint8Array[],
  {
    headers = {},
    end = 'close',
  }: { headers?: Record<string, string>; end?: 'close' | 'error' | 'open' } = {},
) {
  const state = { canceled: false };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (end === 'close') controller.close();
      if (end === 'error') controller.error(new Error('the client went away'));
    },
    cancel() {
      state.canceled = true;
    },
  });
  const request = new Request('http://localhost:3000/api/analyze', {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, state };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readBody', () => {
  it('reads a request without a body as none', async () => {
    const request = new Request('http://localhost:3000/api/analyze', { method: 'POST' });
    expect(await readBody(request, LIMIT)).toBeUndefined();
  });

  it('reads the bytes as they came, in order, undecoded', async () => {
    const { request } = requestOf([bytes('caf'), Uint8Array.of(0xc3), Uint8Array.of(0xff)]);
    expect(await readBody(request, LIMIT)).toEqual(Buffer.from([...bytes('caf'), 0xc3, 0xff]));
  });

  it('reads a body of exactly the limit', async () => {
    const { request } = requestOf([bytes('x'.repeat(LIMIT))]);
    expect(await readBody(request, LIMIT)).toEqual(Buffer.from('x'.repeat(LIMIT)));
  });

  it('refuses a Content-Length over the limit with 413, unread, and stops the stream', async () => {
    const { request, state } = requestOf([bytes('{}')], {
      headers: { 'content-length': String(LIMIT + 1) },
      end: 'open',
    });
    expect(await readBody(request, LIMIT)).toBe('too-large');
    expect(state.canceled).toBe(true);
  });

  it('cuts off a body without Content-Length once it passes the limit, with 413', async () => {
    const { request } = requestOf([bytes('x'.repeat(LIMIT)), bytes('x')]);
    expect(await readBody(request, LIMIT)).toBe('too-large');
  });

  it('answers 400 for a body shorter than its Content-Length', async () => {
    const { request } = requestOf([bytes('{}')], { headers: { 'content-length': '10' } });
    expect(await readBody(request, LIMIT)).toBe('incomplete');
  });

  it('answers 400 when the client goes away mid-body', async () => {
    const { request } = requestOf([bytes('{"te')], { end: 'error' });
    expect(await readBody(request, LIMIT)).toBe('incomplete');
  });
});
