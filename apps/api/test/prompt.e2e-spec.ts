import { request } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FakeOpenAI, refusedBaseURL } from '@textpulse/fake-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { type Person, signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';
import { fakeModelSettings } from './support/fake-models.js';
import { LogLines } from './support/logs.js';
import { ATTEMPT_TIMEOUT_MS, DEADLINE_MS, HANG_BOUND_MS } from './support/timing.js';

const path = '/v1/prompt';
const prompt = 'Summarize: the new release is fast, but the docs are thin. Ada Lovelace approves.';

describe('POST /v1/prompt with no configuration', () => {
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    app = await createTestApp();
    ada = await signUp(app);
  });
  afterAll(() => app.close());

  it('answers offline with the local model, deterministically', async () => {
    const first = await api(app, ada).post(path).send({ prompt }).expect(200);
    expect(first.body).toEqual({
      model: 'local',
      output: expect.stringContaining('Local model (offline'),
      attempts: [{ model: 'local', ok: true, duration_ms: expect.any(Number) }],
    });
    expect(first.body.output).toContain('Key terms: ');
    expect(first.body.output).toContain('Ada Lovelace (person)');
    const second = await api(app, ada).post(path).send({ prompt });
    expect(second.body.output).toBe(first.body.output);
  });

  it('honours max_tokens', async () => {
    const response = await api(app, ada).post(path).send({ prompt, max_tokens: 5 });
    expect(response.body.output).toHaveLength(20);
  });

  it('answers 422 for a model outside the allow-list, at its index, naming the allowed ones', async () => {
    const response = await api(app, ada)
      .post(path)
      .send({ prompt, models: ['local', 'gpt-4', 'openai:gpt-4o'] });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([
      { path: '/models/1', code: 'custom', message: 'Use one of local' },
      { path: '/models/2', code: 'custom', message: 'Use one of local' },
    ]);
  });

  it('answers 422 for an invalid body', async () => {
    const response = await api(app, ada).post(path).send({ prompt: 'short', temperature: 3 });
    expectProblem(response, 422);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual([
      '/prompt',
      '/temperature',
    ]);
  });
});

describe('POST /v1/prompt through a fake OpenAI-compatible server', () => {
  const fake = new FakeOpenAI();
  let app: NestFastifyApplication;
  let ada: Person;
  const post = (body: object) => api(app, ada).post(path).send(body);

  beforeAll(async () => {
    await fake.start();
    app = await createTestApp(
      fakeModelSettings(fake.baseURL, [
        'ok',
        'fail-500',
        'rate-limited',
        'hang',
        'malformed',
        'no-choices',
        'unknown-model',
      ]),
    );
    ada = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  it('answers 422 for a paid model outside the allow-list, though a key is set', async () => {
    const before = fake.requests.length;
    const response = await post({ prompt, models: ['openai:gpt-4o'] });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([
      {
        path: '/models/0',
        code: 'custom',
        message: expect.stringMatching(/^Use one of openai:ok, /),
      },
    ]);
    expect(fake.requests.length).toBe(before);
  });

  it('answers with the first model of the configured chain, sending the key', async () => {
    const response = await post({ prompt, max_tokens: 64, temperature: 0.5 }).expect(200);
    expect(response.body).toEqual({
      model: 'openai:ok',
      output: `echo: ${prompt}`,
      attempts: [{ model: 'openai:ok', ok: true, duration_ms: expect.any(Number) }],
    });
    expect(fake.requests.at(-1)).toEqual({
      model: 'ok',
      authorization: 'Bearer sk-test-secret',
      body: expect.objectContaining({ max_tokens: 64, temperature: 0.5 }),
    });
  });

  it('falls through every failure mode to the next model, in bounded time', async () => {
    const models = ['fail-500', 'rate-limited', 'hang', 'malformed'].map((m) => `openai:${m}`);
    const response = await post({ prompt, models: [...models, 'local'] }).expect(200);
    expect(response.body.model).toBe('local');
    expect(response.body.attempts).toEqual([
      {
        model: 'openai:fail-500',
        ok: false,
        duration_ms: expect.any(Number),
        error: 'HTTP 500 from the provider',
      },
      {
        model: 'openai:rate-limited',
        ok: false,
        duration_ms: expect.any(Number),
        error: 'HTTP 429 from the provider (Retry-After: 7)',
      },
      {
        model: 'openai:hang',
        ok: false,
        duration_ms: expect.any(Number),
        error: `Timed out after ${ATTEMPT_TIMEOUT_MS} ms`,
      },
      {
        model: 'openai:malformed',
        ok: false,
        duration_ms: expect.any(Number),
        error: 'Malformed response from the provider',
      },
      { model: 'local', ok: true, duration_ms: expect.any(Number) },
    ]);
    // "Timed out after …" is the attempt's own timeout (the deadline, far off, would be named), and
    // the chain asked the next model only once it had fired: no clock needed.
    expect(fake.requests.slice(-4).map((seen) => seen.model)).toEqual([
      'fail-500',
      'rate-limited',
      'hang',
      'malformed',
    ]);
    expect(response.text).not.toContain('secret');
  });

  it('treats an answer without a message as a failure', async () => {
    const response = await post({ prompt, models: ['openai:no-choices'] });
    expectProblem(response, 502);
    expect(response.body.attempts[0].error).toBe(
      'Malformed response from the provider: no message content',
    );
  });

  it('answers 502 with the attempts when every model fails', async () => {
    const response = await post({ prompt, models: ['openai:fail-500', 'openai:unknown-model'] });
    expectProblem(response, 502);
    expect(response.body).toEqual({
      type: '/problems/upstream-failed',
      title: 'Every model failed',
      status: 502,
      detail: 'Every model in the chain failed: openai:fail-500, openai:unknown-model.',
      instance: path,
      attempts: [
        expect.objectContaining({ model: 'openai:fail-500', ok: false }),
        {
          model: 'openai:unknown-model',
          ok: false,
          duration_ms: expect.any(Number),
          error: 'HTTP 404 from the provider',
        },
      ],
    });
  });
});

describe('POST /v1/prompt when the deadline passes', () => {
  const fake = new FakeOpenAI();
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    await fake.start();
    // "held" never answers unless released: only the deadline can end its attempt.
    app = await createTestApp({
      TEXTPULSE_MODELS: 'openai:hang,openai:held,local',
      OPENAI_BASE_URL: fake.baseURL,
      MODEL_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS),
      PROMPT_DEADLINE_MS: String(DEADLINE_MS),
    });
    ada = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  it('answers 504 with the attempts made so far, at the deadline, and drops the model it waited on', async () => {
    const abandoned = fake.abandoned('held');
    const response = await api(app, ada).post(path).send({ prompt });
    expectProblem(response, 504);
    // The first attempt ended by its own timeout, the second by the deadline (its own timeout
    // would come later), and the chain stopped there: local was never asked.
    expect(response.body).toMatchObject({
      type: '/problems/deadline-exceeded',
      status: 504,
      detail: `No model answered within the ${DEADLINE_MS} ms deadline.`,
      attempts: [
        { model: 'openai:hang', ok: false, error: `Timed out after ${ATTEMPT_TIMEOUT_MS} ms` },
        {
          model: 'openai:held',
          ok: false,
          error: `Request deadline of ${DEADLINE_MS} ms exceeded`,
        },
      ],
    });
    expect(response.body.attempts).toHaveLength(2);
    // Answered at the deadline, not when the model gave up: the API closed the held request.
    await abandoned;
    expect(fake.requests.map((seen) => seen.model)).toEqual(['hang', 'held']);
  });
});

describe('POST /v1/prompt when the provider refuses connections', () => {
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    app = await createTestApp({
      TEXTPULSE_MODELS: 'openai:ok,local',
      OPENAI_BASE_URL: await refusedBaseURL(),
    });
    ada = await signUp(app);
  });
  afterAll(() => app.close());

  it('reports the refusal and falls back to the local model', async () => {
    const response = await api(app, ada).post(path).send({ prompt }).expect(200);
    expect(response.body.model).toBe('local');
    expect(response.body.attempts[0]).toEqual({
      model: 'openai:ok',
      ok: false,
      duration_ms: expect.any(Number),
      error: 'Connection refused by the provider',
    });
  });
});

describe('POST /v1/prompt when the client closes the connection', () => {
  const fake = new FakeOpenAI();
  const logs = new LogLines();
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    await fake.start();
    // No attempt timeout or deadline that could end the upstream call in this test's lifetime.
    app = await createTestApp(
      {
        TEXTPULSE_MODELS: 'openai:held',
        OPENAI_BASE_URL: fake.baseURL,
        MODEL_TIMEOUT_MS: '600000',
        PROMPT_DEADLINE_MS: '600000',
      },
      { logs },
    );
    ada = await signUp(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  it('aborts the request to the provider at once', async () => {
    const client = request(`${await app.getUrl()}/v1/prompt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ada.key}` },
    });
    client.on('error', () => undefined);
    client.end(JSON.stringify({ prompt: 'Hello there, model.' }));
    await fake.received('held');
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
    // Nobody is left to answer, and nothing went wrong: an info line, no error.
    await logs.until('The client closed the connection before its answer');
    expect(logs.saying('The client closed the connection before its answer')).toEqual([
      expect.objectContaining({ level: 30 }),
    ]);
    expect(logs.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
