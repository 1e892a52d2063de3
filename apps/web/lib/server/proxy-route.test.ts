import {
  BODY_LIMIT_BYTES,
  BODY_TOO_LARGE_DETAIL,
  INCOMPLETE_BODY_DETAIL,
} from '@textpulse/contracts';
import { refusedPort } from '@textpulse/ports';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let POST: (request: Request) => Promise<Response>;

const request = () =>
  new Request('http://localhost:3000/api/analyze', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'A perfectly fine sentence.' }),
  });

describe('a route handler when the API is down', () => {
  beforeAll(async () => {
    vi.stubEnv('API_URL', `http://127.0.0.1:${await refusedPort()}`);
    ({ POST } = await import('@/app/api/analyze/route'));
  });
  afterAll(() => vi.unstubAllEnvs());

  it('answers 503 problem+json', async () => {
    const response = await POST(request());
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: '/problems/api-unreachable',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The TextPulse API cannot be reached. Is it running?',
      instance: '/api/analyze',
    });
  });
});

describe('a route handler given a body over the limit', () => {
  const CHUNK = 64 * 1024;
  const FIFTY_MB = 50 * 2 ** 20;

  /** A 50 MB body, made a chunk at a time as it is read; counts the bytes actually read. */
  function hugeBody() {
    const read = { bytes: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (read.bytes >= FIFTY_MB) return controller.close();
        read.bytes += CHUNK;
        controller.enqueue(new Uint8Array(CHUNK).fill(0x61));
      },
    });
    return { stream, read };
  }

  const post = (body: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
    POST(
      new Request('http://localhost:3000/api/analyze', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        duplex: 'half',
      } as RequestInit),
    );

  beforeAll(async () => {
    ({ POST } = await import('@/app/api/analyze/route'));
  });

  it.each([
    ['a Content-Length over the limit', { 'content-length': String(FIFTY_MB) }, 0],
    ['no Content-Length', {}, BODY_LIMIT_BYTES],
    ['a Content-Length that lies', { 'content-length': '100' }, BODY_LIMIT_BYTES],
  ])(
    'answers %s with 413 problem+json, reading no more than the limit',
    async (_name, headers, readUpTo) => {
      const { stream, read } = hugeBody();
      const response = await post(stream, headers);
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({
        status: 413,
        detail: BODY_TOO_LARGE_DETAIL,
        instance: '/api/analyze',
      });
      // A few chunks of read-ahead at most: never the 50 MB.
      expect(read.bytes).toBeLessThanOrEqual(readUpTo + 4 * CHUNK);
    },
  );

  it('answers a body shorter than its Content-Length with 400 problem+json', async () => {
    const short = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"text": "cut'));
        controller.close();
      },
    });
    const response = await post(short, { 'content-length': '1000' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: '/problems/malformed-request',
      detail: INCOMPLETE_BODY_DETAIL,
      instance: '/api/analyze',
    });
  });
});
