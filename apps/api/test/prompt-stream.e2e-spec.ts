import { type IncomingMessage, request } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PromptStreamEvent } from '@textpulse/contracts';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { type Person, signUp } from './support/callers.js';
import { api, expectProblem, expectValid } from './support/documented.js';
import { fakeModelSettings } from './support/fake-models.js';
import { expectNoLeakedHandles } from './support/handles.js';
import { LogLines } from './support/logs.js';
import { parseSse, sseReader } from './support/sse.js';
import { ATTEMPT_TIMEOUT_MS, DEADLINE_MS, HANG_BOUND_MS } from './support/timing.js';

const path = '/v1/prompt/stream';
const prompt = 'Summarize: the new release is fast, but the docs are thin. Ada Lovelace approves.';
const eventSchema = 'openapi.json#/components/schemas/PromptStreamEvent';

/** Posts to the stream through the whole app and returns its events (each checked by api()). */
async function streamOf(
  app: NestFastifyApplication,
  as: Person,
  body: object,
): Promise<PromptStreamEvent[]> {
  const response = await api(app, as).post(path).send(body).expect(200);
  expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
  return parseSse(response.text).map(({ data }) => JSON.parse(data) as PromptStreamEvent);
}

const typesOf = (events: PromptStreamEvent[]) => events.map((event) => event.type);
const textOf = (events: PromptStreamEvent[]) =>
  events.map((event) => (event.type === 'token' ? event.text : '')).join('');
const lastOf = <T extends PromptStreamEvent['type']>(events: PromptStreamEvent[], type: T) => {
  const last = events.at(-1);
  expect(last?.type).toBe(type);
  return last as Extract<PromptStreamEvent, { type: T }>;
};

describe('POST /v1/prompt/stream with the local chain, over a real connection', () => {
  let app: NestFastifyApplication;
  let ada: Person;
  let url: string;

  beforeAll(async () => {
    app = await createTestApp();
    ada = await signUp(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `${await app.getUrl()}${path}`;
  });
  afterAll(() => app.close());

  it('sends attempt, the answer token by token, then done: each event valid in openapi.json', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'stream-1' },
      body: JSON.stringify({ prompt }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    // So that nginx passes each event on as it comes.
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-request-id')).toBe('stream-1');
    const reader = sseReader();
    const chunks: number[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) {
      chunks.push(reader.events.length);
      reader.feed(decoder.decode(chunk, { stream: true }));
    }
    const events = reader.events.map(({ event, data }) => {
      const parsed = JSON.parse(data) as PromptStreamEvent;
      expectValid(parsed, eventSchema);
      expect(parsed.type).toBe(event);
      return parsed;
    });
    const types = typesOf(events);
    expect(types[0]).toBe('attempt');
    expect(types.filter((type) => type === 'token').length).toBeGreaterThan(10);
    expect(types.slice(1, -1).every((type) => type === 'token')).toBe(true);
    expect(lastOf(events, 'done')).toEqual({
      type: 'done',
      model: 'local',
      attempts: [{ model: 'local', ok: true, duration_ms: expect.any(Number) }],
    });
    // The tokens make up exactly the answer /v1/prompt gives.
    const whole = await api(app, ada).post('/v1/prompt').send({ prompt }).expect(200);
    expect(textOf(events)).toBe(whole.body.output);
  });

  it('answers a request that breaks the schema with 422 problem+json, before any event', async () => {
    const response = await api(app, ada).post(path).send({ prompt: 'short', temperature: 3 });
    expectProblem(response, 422);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual([
      '/prompt',
      '/temperature',
    ]);
  });

  it('answers a model outside the allow-list with 422 at its index, before any event', async () => {
    const response = await api(app, ada)
      .post(path)
      .send({ prompt, models: ['local', 'openai:gpt-4o'] });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([
      { path: '/models/1', code: 'custom', message: 'Use one of local' },
    ]);
  });

  it('honours max_tokens as /v1/prompt does', async () => {
    const events = await streamOf(app, ada, { prompt, max_tokens: 5 });
    expect(textOf(events)).toHaveLength(20);
  });
});

describe('POST /v1/prompt/stream through a fake OpenAI-compatible server', () => {
  const fake = new FakeOpenAI();
  const logs = new LogLines();
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    await fake.start();
    app = await createTestApp(
      fakeModelSettings(fake.baseURL, [
        'ok',
        'fail-500',
        'hang',
        'stall',
        'reset',
        'malformed',
        'no-choices',
        'bad-usage',
        'unknown-model',
      ]),
      { logs },
    );
    ada = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  it("streams the provider's chunks as tokens, with its usage in done", async () => {
    const events = await streamOf(app, ada, { prompt, max_tokens: 64, temperature: 0.5 });
    expect(textOf(events)).toBe(`echo: ${prompt}`);
    expect(typesOf(events).filter((type) => type === 'token').length).toBeGreaterThan(5);
    expect(lastOf(events, 'done')).toEqual({
      type: 'done',
      model: 'openai:ok',
      attempts: [{ model: 'openai:ok', ok: true, duration_ms: expect.any(Number) }],
      usage: { prompt_tokens: 9, completion_tokens: expect.any(Number) },
    });
    expect(fake.requests.at(-1)).toEqual({
      model: 'ok',
      authorization: 'Bearer sk-test-secret',
      body: expect.objectContaining({ stream: true, max_tokens: 64, temperature: 0.5 }),
    });
  });

  it('hands over to the next model when one fails before its first token', async () => {
    const models = ['openai:fail-500', 'openai:hang', 'openai:no-choices', 'local'];
    const events = await streamOf(app, ada, { prompt, models });
    const failures = events.filter((event) => event.type === 'attempt_failed');
    expect(failures).toEqual([
      {
        type: 'attempt_failed',
        model: 'openai:fail-500',
        duration_ms: expect.any(Number),
        error: 'HTTP 500 from the provider',
      },
      {
        type: 'attempt_failed',
        model: 'openai:hang',
        duration_ms: expect.any(Number),
        error: `Timed out after ${ATTEMPT_TIMEOUT_MS} ms`,
      },
      {
        type: 'attempt_failed',
        model: 'openai:no-choices',
        duration_ms: expect.any(Number),
        error: 'Malformed response from the provider: no message content',
      },
    ]);
    expect(typesOf(events).slice(0, 7)).toEqual([
      'attempt',
      'attempt_failed',
      'attempt',
      'attempt_failed',
      'attempt',
      'attempt_failed',
      'attempt',
    ]);
    const done = lastOf(events, 'done');
    expect(done.model).toBe('local');
    expect(done.attempts.map((attempt) => attempt.ok)).toEqual([false, false, false, true]);
    expect(textOf(events)).toMatch(/^Local model \(offline/);
  });

  it.each([
    ['reset', "The provider's stream broke off"],
    ['malformed', 'Malformed chunk from the provider'],
    ['stall', `Timed out after ${ATTEMPT_TIMEOUT_MS} ms`],
  ])(
    'ends the stream when %s fails after its first token, without trying the next model',
    async (model, reason) => {
      const events = await streamOf(app, ada, { prompt, models: [`openai:${model}`, 'local'] });
      expect(typesOf(events)).toEqual(['attempt', 'token', 'attempt_failed', 'error']);
      expect(events[1]).toEqual({ type: 'token', text: 'echo:' });
      const failure = {
        model: `openai:${model}`,
        ok: false,
        duration_ms: expect.any(Number),
        error: reason,
      };
      expect(lastOf(events, 'error').problem).toEqual({
        type: '/problems/upstream-failed',
        title: 'Every model failed',
        status: 502,
        detail: `openai:${model} failed after it began answering: ${reason}.`,
        instance: path,
        attempts: [failure],
      });
      // A problem the client is told of is no server error: an info line with its status.
      expect(logs.saying('The event stream ended with a problem').at(-1)).toMatchObject({
        level: 30,
        status: 502,
      });
    },
  );

  it('ends with a 500 error event that tells nothing when an event would break the contract', async () => {
    const events = await streamOf(app, ada, { prompt, models: ['openai:bad-usage'] });
    // Every token went out; the done event, with token counts below zero, did not.
    expect(textOf(events)).toBe(`echo: ${prompt}`);
    expect(lastOf(events, 'error').problem).toEqual({
      type: '/problems/internal-error',
      title: 'Internal Server Error',
      status: 500,
      instance: path,
    });
    expect(typesOf(events)).not.toContain('done');
    expect(logs.saying('The event stream failed').at(-1)).toMatchObject({
      level: 50,
      err: { message: expect.stringMatching(/^An event broke its contract: .*prompt_tokens/s) },
    });
  });

  it('keeps the key and the upstream details out of the stream', async () => {
    const response = await api(app, ada)
      .post(path)
      .send({ prompt, models: ['openai:fail-500', 'openai:unknown-model'] })
      .expect(200);
    const events = parseSse(response.text).map(({ data }) => JSON.parse(data));
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      problem: {
        status: 502,
        detail: 'Every model in the chain failed: openai:fail-500, openai:unknown-model.',
      },
    });
    expect(response.text).not.toContain('secret');
  });
});

describe('POST /v1/prompt/stream when the deadline passes mid-answer', () => {
  const fake = new FakeOpenAI();
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    await fake.start();
    // The attempt timeout outlasts the deadline: only the deadline can end the stalled stream.
    app = await createTestApp({
      TEXTPULSE_MODELS: 'openai:stall,local',
      OPENAI_BASE_URL: fake.baseURL,
      MODEL_TIMEOUT_MS: String(HANG_BOUND_MS),
      PROMPT_DEADLINE_MS: String(DEADLINE_MS),
    });
    ada = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  it('ends with a 504 error event carrying the attempts, and stops the provider', async () => {
    const abandoned = fake.abandoned('stall');
    const events = await streamOf(app, ada, { prompt });
    expect(typesOf(events)).toEqual(['attempt', 'token', 'attempt_failed', 'error']);
    // Ended by the deadline: the attempt timeout would say "Timed out after …".
    expect(events[2]).toEqual({
      type: 'attempt_failed',
      model: 'openai:stall',
      duration_ms: expect.any(Number),
      error: `Request deadline of ${DEADLINE_MS} ms exceeded`,
    });
    expect(lastOf(events, 'error').problem).toMatchObject({
      type: '/problems/deadline-exceeded',
      status: 504,
      detail: `No model answered within the ${DEADLINE_MS} ms deadline.`,
      attempts: [
        {
          model: 'openai:stall',
          ok: false,
          error: `Request deadline of ${DEADLINE_MS} ms exceeded`,
        },
      ],
    });
    await abandoned;
  });
});

describe('POST /v1/prompt/stream while the model is slow', () => {
  const fake = new FakeOpenAI();
  let app: NestFastifyApplication;
  let ada: Person;
  let url: string;

  beforeAll(async () => {
    await fake.start();
    // No attempt timeout or deadline that could end the stream in a test's lifetime.
    app = await createTestApp({
      TEXTPULSE_MODELS: 'openai:held',
      OPENAI_BASE_URL: fake.baseURL,
      MODEL_TIMEOUT_MS: '600000',
      PROMPT_DEADLINE_MS: '600000',
      STREAM_HEARTBEAT_MS: '20',
    });
    ada = await signUp(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `${await app.getUrl()}${path}`;
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  it('aborts the request to the provider as soon as the client goes away, leaking nothing', async () => {
    await expectNoLeakedHandles(async () => {
      const client = request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ada.key}` },
      });
      client.on('error', () => undefined);
      client.end(JSON.stringify({ prompt }));
      const [response] = await Promise.all([
        new Promise<IncomingMessage>((resolve) => client.once('response', resolve)),
        fake.received('held'),
      ]);
      // The first token has reached the client: the stream is open when it leaves.
      await new Promise<void>((resolve) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk;
          if (text.includes('event: token')) resolve();
        });
      });
      const abandoned = fake.abandoned('held').then(() => 'abandoned' as const);
      client.destroy();
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<'still waiting'>((resolve) => {
        timer = setTimeout(() => resolve('still waiting'), HANG_BOUND_MS);
      });
      try {
        expect(await Promise.race([abandoned, hung])).toBe('abandoned');
      } finally {
        clearTimeout(timer);
      }
    });
  });

  it('sends heartbeat comments while it waits, then the rest of the answer', async () => {
    // The fake holds the answer from its arrival on: released before that, nobody would hear it.
    const arrived = fake.received('held');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ada.key}` },
      body: JSON.stringify({ prompt }),
    });
    const reader = sseReader();
    const decoder = new TextDecoder();
    let released = false;
    for await (const chunk of response.body ?? []) {
      reader.feed(decoder.decode(chunk, { stream: true }));
      if (!released && reader.comments.length >= 2) {
        released = true;
        void arrived.then(() => fake.release());
      }
    }
    expect(reader.comments.slice(0, 2)).toEqual(['keep-alive', 'keep-alive']);
    const events = reader.events.map(({ data }) => JSON.parse(data) as PromptStreamEvent);
    expect(typesOf(events).slice(0, 2)).toEqual(['attempt', 'token']);
    expect(textOf(events)).toBe(`echo: ${prompt}`);
    expect(lastOf(events, 'done').model).toBe('openai:held');
  });
});

describe('POST /v1/prompt/stream from a model that answers slowly but steadily', () => {
  // A word every 150 ms: each gap a tenth of the attempt timeout, the whole answer twice as long.
  const fake = new FakeOpenAI({ dripMs: 150 });
  const steady = Array.from({ length: 20 }, (_, index) => `word${index}`).join(' ');
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    await fake.start();
    app = await createTestApp({
      TEXTPULSE_MODELS: 'openai:drip',
      OPENAI_BASE_URL: fake.baseURL,
      MODEL_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS),
      PROMPT_DEADLINE_MS: String(HANG_BOUND_MS * 2),
      // A heartbeat only after a silence as long as the attempt timeout, which no gap reaches.
      STREAM_HEARTBEAT_MS: String(ATTEMPT_TIMEOUT_MS),
    });
    ada = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  it('is not cut by the attempt timeout: each token starts its wait again', async () => {
    const events = await streamOf(app, ada, { prompt: steady });
    expect(typesOf(events).filter((type) => type !== 'token')).toEqual(['attempt', 'done']);
    expect(textOf(events)).toBe(`echo: ${steady}`);
    expect(fake.abandonedModels).toEqual([]);
  });

  it('sends no heartbeat while tokens keep coming: each token starts the silence again', async () => {
    const response = await api(app, ada).post(path).send({ prompt: steady }).expect(200);
    expect(parseSse(response.text).at(-1)?.event).toBe('done');
    expect(response.text).not.toContain(': keep-alive');
  });
});
