import { connect } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PromptStreamEvent } from '@textpulse/contracts';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { signUpCaller } from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { sseReader } from './support/sse.js';

const REQUEST_TIMEOUT_MS = 1000;
const SLOW_CLIENTS = 200;

/**
 * Opens a connection, sends `head` (and nothing after it), and resolves with everything the
 * server sent until it closed the connection.
 */
function sendAndWait(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') resolve(answer);
      else reject(error);
    });
    socket.write(head);
  });
}

/** A POST whose Content-Length promises 1,000 bytes, of which 16 come. */
const SLOW_BODY =
  'POST /v1/analyze HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
  'Content-Length: 1000\r\n\r\n{"text": "Slowly';
/** Headers that never end. */
const SLOW_HEADERS = 'GET /v1/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ';

describe(`clients slower than REQUEST_TIMEOUT_MS (${REQUEST_TIMEOUT_MS} ms here)`, () => {
  const fake = new FakeOpenAI();
  let app: NestFastifyApplication;
  let url: string;
  let port: number;

  beforeAll(async () => {
    await fake.start();
    // No attempt timeout or deadline that could end the healthy stream first.
    app = await createTestApp({
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      TEXTPULSE_MODELS: 'openai:held',
      OPENAI_BASE_URL: fake.baseURL,
      MODEL_TIMEOUT_MS: '600000',
      PROMPT_DEADLINE_MS: '600000',
      STREAM_HEARTBEAT_MS: '200',
      RATE_LIMIT_MAX: '1000000',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = await app.getUrl();
    port = Number(new URL(url).port);
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  it('each get 408 problem+json and are closed, while the server serves others and a healthy stream outlives them', async () => {
    // A healthy stream, open before the slow clients and until after they are cut off.
    const caller = (await signUpCaller(url)).headers;
    const arrived = fake.received('held');
    const stream = await fetch(`${url}/v1/prompt/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...caller },
      body: JSON.stringify({ prompt: 'Take your time.' }),
    });
    await arrived;

    const slow = [
      ...Array.from({ length: SLOW_CLIENTS }, () => sendAndWait(port, SLOW_BODY)),
      ...Array.from({ length: 5 }, () => sendAndWait(port, SLOW_HEADERS)),
    ];
    // Held open, they keep nobody else out.
    const health = await fetch(`${url}/v1/health`);
    expect(health.status).toBe(200);

    const answers = await Promise.all(slow);
    for (const answer of answers) {
      expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(answer).toContain('Content-Type: application/problem+json\r\n');
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
        status: 408,
        title: 'Request Timeout',
      });
    }

    // Every slow client has waited out the limit; the stream, older than all of them, goes on.
    fake.release();
    const reader = sseReader();
    const decoder = new TextDecoder();
    for await (const chunk of stream.body ?? [])
      reader.feed(decoder.decode(chunk, { stream: true }));
    const events = reader.events.map(({ data }) => JSON.parse(data) as PromptStreamEvent);
    expect(events.at(-1)?.type).toBe('done');
    expect(reader.comments.length, 'heartbeats while it waited').toBeGreaterThan(0);
  });
});
