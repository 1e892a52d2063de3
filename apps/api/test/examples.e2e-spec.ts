import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BODY_LIMIT_BYTES, WWW_AUTHENTICATE } from '@textpulse/contracts';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnalyzeService } from '../src/analyze/analyze.service.js';
import { createTestApp } from './support/app.js';
import { type Person, signUp } from './support/callers.js';
import { api, document } from './support/documented.js';
import { ATTEMPT_TIMEOUT_MS, DEADLINE_MS } from './support/timing.js';

/**
 * The examples of openapi.json are what the API answers, not prose: each one is reproduced here
 * from the example input, and compared whole. Durations and the seconds of a Retry-After are the
 * only figures a run cannot repeat; they are compared by type (packages/contracts/README.md).
 */
interface Documented {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content: Record<string, { example: unknown }> }> }>
  >;
  components: { schemas: Record<string, { example: unknown }> };
}
const openapi = document as unknown as Documented;

const exampleOf = (path: string, status: number) => {
  const content = openapi.paths[path]?.post?.responses[String(status)]?.content ?? {};
  const [mediaType] = Object.values(content);
  return mediaType?.example as Record<string, unknown>;
};
const componentExample = (name: string) => openapi.components.schemas[name]?.example as object;

/** The example with every duration_ms replaced by "any number". */
const withAnyDurations = (example: Record<string, unknown>) => ({
  ...example,
  attempts: (example.attempts as object[]).map((attempt) => ({
    ...attempt,
    duration_ms: expect.any(Number),
  })),
});

describe('the examples of POST /v1/analyze', () => {
  let app: NestFastifyApplication;
  const path = '/v1/analyze';

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_MAX: '60' });
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => app.close());

  it('200: the analysis of the example request', async () => {
    const response = await api(app).post(path).send(componentExample('AnalyzeRequest'));
    expect(response.body).toEqual(componentExample('AnalyzeResponse'));
  });

  it.each([
    [400, 'application/json', '{"text": '],
    [413, 'application/json', JSON.stringify({ text: 'x'.repeat(BODY_LIMIT_BYTES) })],
    [415, 'text/plain', 'Just some words.'],
    [422, 'application/json', JSON.stringify({ text: 'Too short', colour: 'red' })],
  ])('%i: the answer to a body that shows it', async (status, contentType, body) => {
    const response = await api(app).post(path).set('content-type', contentType).send(body);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(exampleOf(path, status));
  });

  it('500: what a failing handler answers', async () => {
    vi.spyOn(AnalyzeService.prototype, 'analyze').mockImplementation(() => {
      throw new Error('boom');
    });
    const response = await api(app).post(path).send({ text: 'Any text will do here.' });
    expect(response.body).toEqual(exampleOf(path, 500));
  });

  it('429: the answer past the default limit of 60 requests a minute', async () => {
    vi.spyOn(AnalyzeService.prototype, 'analyze').mockReturnValue({
      sentiment_score: 0,
      sentiment_label: 'neutral',
      word_count: 1,
    });
    let response = await api(app).post(path).send({ text: 'Any text will do here.' });
    while (response.status === 200) {
      response = await api(app).post(path).send({ text: 'Any text will do here.' });
    }
    const retryIn = /retry in \d+ s/;
    const example = exampleOf(path, 429);
    expect({ ...response.body, detail: response.body.detail.replace(retryIn, '') }).toEqual({
      ...example,
      detail: String(example.detail).replace(retryIn, ''),
    });
  });
});

describe('the examples of the other operations and components', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('Problem: the answer to an unknown path', async () => {
    const response = await api(app).get('/v1/unknown');
    expect(response.body).toEqual(componentExample('Problem'));
  });

  it('HealthResponse: the health of an API on the default chain', async () => {
    const response = await api(app).get('/v1/health');
    expect(response.body).toEqual({
      ...componentExample('HealthResponse'),
      uptime_s: expect.any(Number),
    });
  });
});

describe('the examples of POST /v1/prompt', () => {
  const path = '/v1/prompt';
  const fake = new FakeOpenAI();

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  async function answer(
    aliases: Record<string, string>,
    env: Record<string, string>,
    body: object,
  ) {
    Object.assign(fake.aliases, aliases);
    const app = await createTestApp({ OPENAI_BASE_URL: fake.baseURL, ...env });
    try {
      return await api(app, await signUp(app))
        .post(path)
        .send(body);
    } finally {
      await app.close();
    }
  }

  it('200: the local model answers the example prompt after the first model timed out', async () => {
    const example = componentExample('PromptResponse') as Record<string, unknown>;
    const response = await answer(
      { 'gpt-4o-mini': 'hang' },
      { TEXTPULSE_MODELS: 'openai:gpt-4o-mini,local', MODEL_TIMEOUT_MS: '2000' },
      componentExample('PromptRequest'),
    );
    expect(response.body).toEqual(withAnyDurations(example));
  });

  it('502: every model failed', async () => {
    const response = await answer(
      { 'gpt-4o-mini': 'fail-500', 'llama3.2': 'rate-limited' },
      { TEXTPULSE_MODELS: 'openai:gpt-4o-mini,openai:llama3.2' },
      { prompt: 'Any prompt will do here.' },
    );
    expect(response.body).toEqual(withAnyDurations(exampleOf(path, 502)));
  });

  it('UpstreamFailedProblem: the only model failed', async () => {
    const response = await answer(
      { 'gpt-4o-mini': 'fail-500' },
      { TEXTPULSE_MODELS: 'openai:gpt-4o-mini' },
      { prompt: 'Any prompt will do here.' },
    );
    const example = componentExample('UpstreamFailedProblem') as Record<string, unknown>;
    expect(response.body).toEqual(withAnyDurations(example));
  });

  it('504: the deadline passed during the second model', async () => {
    const response = await answer(
      { 'gpt-4o-mini': 'hang', 'llama3.2': 'hang' },
      {
        TEXTPULSE_MODELS: 'openai:gpt-4o-mini,openai:llama3.2',
        MODEL_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS),
        PROMPT_DEADLINE_MS: String(DEADLINE_MS),
      },
      { prompt: 'Any prompt will do here.' },
    );
    expect(response.body).toEqual(withAnyDurations(exampleOf(path, 504)));
  });
});

describe('the examples of /v1/analyses', () => {
  let app: NestFastifyApplication;
  let ada: Person;
  const exampleOfOperation = (method: string, path: string, status: number) => {
    const content = openapi.paths[path]?.[method]?.responses[String(status)]?.content ?? {};
    return Object.values(content)[0]?.example as Record<string, unknown>;
  };

  beforeAll(async () => {
    app = await createTestApp();
    ada = await signUp(app);
  });
  afterAll(() => app.close());

  it('StoredAnalysis: the example request, stored (id and time by type)', async () => {
    const response = await api(app, ada)
      .post('/v1/analyses')
      .send(componentExample('AnalyzeRequest'));
    expect(response.body).toEqual({
      ...componentExample('StoredAnalysis'),
      id: expect.any(String),
      created_at: expect.any(String),
    });
  });

  it.each([
    ['get', '/v1/analyses/{id}'],
    ['delete', '/v1/analyses/{id}'],
  ] as const)('404 of %s %s: the answer for an id nothing has', async (method, path) => {
    const example = exampleOfOperation(method, path, 404);
    const response = await api(app, ada)[method](String(example.instance));
    expect(response.body).toEqual(example);
  });

  it('422 of GET /v1/analyses: the answer to a bad limit and a garbled cursor', async () => {
    const response = await api(app, ada).get('/v1/analyses?limit=0&cursor=garbage!');
    expect(response.body).toEqual(exampleOfOperation('get', '/v1/analyses', 422));
  });

  it('401 of GET /v1/analyses: the answer without credentials, with its challenge', async () => {
    const response = await api(app).get('/v1/analyses');
    expect(response.body).toEqual(exampleOfOperation('get', '/v1/analyses', 401));
    expect(response.headers['www-authenticate']).toBe(WWW_AUTHENTICATE);
  });

  it('403 of GET /v1/auth/api-keys: the answer to an API key', async () => {
    const response = await api(app, { key: ada.key }).get('/v1/auth/api-keys');
    expect(response.body).toEqual(exampleOfOperation('get', '/v1/auth/api-keys', 403));
  });
});
