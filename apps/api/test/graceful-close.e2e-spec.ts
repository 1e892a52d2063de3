import { connect } from 'node:net';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { signUpCaller } from '@textpulse/processes';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';

/** Resolves once a connection to `port` on loopback is refused. */
async function untilRefused(port: string): Promise<void> {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('closing the app (SIGTERM, SIGINT or app.close())', () => {
  it('keeps connections alive until then, and answers the requests still in flight with Connection: close', async () => {
    const fake = new FakeOpenAI();
    await fake.start();
    // Built here, not in a hook: mutation testing credits only the test that starts the app.
    const app = await createTestApp({
      TEXTPULSE_MODELS: 'openai:held',
      OPENAI_BASE_URL: fake.baseURL,
      MODEL_TIMEOUT_MS: '600000',
      PROMPT_DEADLINE_MS: '600000',
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const url = await app.getUrl();
      const caller = (await signUpCaller(url)).headers;
      const before = await fetch(`${url}/v1/health`);
      expect(before.headers.get('connection')).toBe('keep-alive');

      const inFlight = fetch(`${url}/v1/prompt`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...caller },
        body: JSON.stringify({ prompt: 'Hello there, model.' }),
      });
      await fake.received('held');
      const closed = app.close();
      // Released only once the server has stopped listening: closing has begun by then.
      await untilRefused(new URL(url).port);
      fake.release();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.headers.get('connection')).toBe('close');
      await closed;
    } finally {
      await app.close();
      await fake.stop();
    }
  });
});
