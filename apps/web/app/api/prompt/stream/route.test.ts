import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readPromptEvents } from '@textpulse/api-client/prompt-stream';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { signUpCaller } from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtApiServer } from '@/lib/testing/built-server';
import { expectDocumentedAnswer } from '@/lib/testing/documented';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const fake = new FakeOpenAI();
let builtApi: ReturnType<typeof builtApiServer>;
let POST: (request: Request) => Promise<Response>;
const prompt = 'Summarize: the release is fast, the docs are thin. Ada Lovelace approves.';

/** The session cookie of a person signed up on the built API: the browser's, sent on. */
let session = '';

const streamRequest = (body: unknown, init: RequestInit = {}) =>
  new Request('http://localhost:3000/api/prompt/stream', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': 'web-stream-1',
      cookie: session,
    },
    body: JSON.stringify(body),
    ...init,
  });

beforeAll(async () => {
  await fake.start();
  builtApi = builtApiServer({
    TEXTPULSE_MODELS: 'local',
    TEXTPULSE_ALLOWED_MODELS: 'local,openai:held',
    OPENAI_BASE_URL: fake.baseURL,
    // Nothing but the client can end a held stream in this test's lifetime.
    MODEL_TIMEOUT_MS: '600000',
    PROMPT_DEADLINE_MS: '600000',
  });
  await builtApi.start();
  // openai:held is not the local model: only a signed-in person may ask it.
  session = (await signUpCaller(builtApi.url)).cookie;
  vi.stubEnv('API_URL', builtApi.url);
  ({ POST } = await import('./route'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await builtApi.stop();
  await fake.stop();
});

describe('POST /api/prompt/stream, relaying the built API', () => {
  it("relays the chain's events as they come, uncompressed, with the request id", async () => {
    const response = await POST(streamRequest({ prompt }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-request-id')).toBe('web-stream-1');
    const types: string[] = [];
    let output = '';
    for await (const event of readPromptEvents(response)) {
      types.push(event.type);
      if (event.type === 'token') output += event.text;
    }
    expect(types[0]).toBe('attempt');
    expect(types.at(-1)).toBe('done');
    expect(output).toContain('Ada Lovelace (person)');
  });

  it("relays the API's problem at this path when the API refuses the request", async () => {
    const response = await POST(streamRequest({ prompt, models: ['openai:gpt-4o'] }));
    const body = await expectDocumentedAnswer(response, 'promptStream');
    expect(response.status).toBe(422);
    expect(body).toMatchObject({
      instance: '/api/prompt/stream',
      errors: [{ path: '/models/0', message: 'Use one of local, openai:held' }],
    });
  });

  it("closes the API's stream when the browser goes away, which stops the model", async () => {
    const browser = new AbortController();
    // Held until the end, as a server holds the request it answers: its signal is what aborts.
    const request = streamRequest({ prompt, models: ['openai:held'] }, { signal: browser.signal });
    const response = await POST(request);
    const events = readPromptEvents(response);
    expect((await events.next()).value).toEqual({ type: 'attempt', model: 'openai:held' });
    expect((await events.next()).value).toEqual({ type: 'token', text: 'echo:' });
    const { log } = await import('@/lib/server/log');
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const abandoned = fake.abandoned('held');
    // What a busy server does between two events: collect garbage. The abort must still reach
    // the API (fetch alone follows it only while its Request object lives).
    for (let round = 0; round < 3; round += 1) {
      collectGarbage();
      await new Promise((resolve) => setImmediate(resolve));
    }
    browser.abort();
    await abandoned;
    await expect(events.next()).rejects.toThrow();
    expect(request.signal.aborted).toBe(true);
    // A browser that leaves is no failure of the API: nothing to log.
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
