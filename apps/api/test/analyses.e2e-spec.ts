import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ThrowawayPostgres } from '@textpulse/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnalyzeService } from '../src/analyze/analyze.service.js';
import { Storage } from '../src/storage/storage.js';
import { createTestApp } from './support/app.js';
import { type Person, signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';

const path = '/v1/analyses';
const texts = {
  positive: 'What a wonderful, delightful and happy day this is.',
  negative: 'This is a terrible, awful and miserable failure.',
  neutral: 'The meeting is at ten in the second room.',
};
/** The SQL migrations drizzle-kit generated. */
const migrationCount = readdirSync(new URL('../drizzle', import.meta.url)).filter((file) =>
  file.endsWith('.sql'),
).length;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe.each(['PGlite', 'PostgreSQL'] as const)('/v1/analyses on %s', (driver) => {
  let app: NestFastifyApplication;
  let postgres: ThrowawayPostgres | undefined;
  let ada: Person;
  const store = (text: string, extract_entities = false) =>
    api(app, ada).post(path).send({ text, extract_entities }).expect(201);

  beforeAll(async () => {
    const env: Record<string, string> = { RATE_LIMIT_MAX: '1000000' };
    if (driver === 'PostgreSQL') {
      postgres = await new ThrowawayPostgres().start();
      env.DATABASE_URL = postgres.url;
    }
    app = await createTestApp(env);
    // Opened here, not by the first test: PGlite's first start is slow on a busy machine.
    await app.get(Storage).database();
    ada = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
    postgres?.stop();
  });

  it('is reported up by the health check, with its driver', async () => {
    const response = await api(app).get('/v1/health').expect(200);
    expect(response.body.database).toEqual({
      status: 'up',
      driver: driver === 'PGlite' ? 'pglite' : 'postgres',
    });
  });

  it('stores an analysis: 201, Location, the analysis with id, time and version', async () => {
    const response = await store('Ada Lovelace wrote the first program in London.', true);
    expect(response.headers.location).toBe(`${path}/${response.body.id}`);
    expect(response.body).toEqual({
      id: expect.stringMatching(UUID_V7),
      created_at: expect.any(String),
      version: '0.1.0',
      text: 'Ada Lovelace wrote the first program in London.',
      extract_entities: true,
      result: {
        sentiment_score: expect.any(Number),
        sentiment_label: expect.any(String),
        word_count: 8,
        entities: [
          { text: 'Ada Lovelace', type: 'person', start: 0, end: 12 },
          { text: 'London', type: 'place', start: 40, end: 46 },
        ],
      },
    });
    const read = await api(app, ada)
      .get(response.headers.location ?? '')
      .expect(200);
    expect(read.body).toEqual(response.body);
  });

  it('stores the result of the same analysis POST /v1/analyze answers with', async () => {
    const text = 'Grace Hopper found a moth in the relay.';
    const analyzed = await api(app).post('/v1/analyze').send({ text, extract_entities: true });
    const spy = vi.spyOn(AnalyzeService.prototype, 'analyze');
    try {
      const stored = await store(text, true);
      expect(spy).toHaveBeenCalledWith({ text, extract_entities: true });
      expect(stored.body.result).toEqual(analyzed.body);
    } finally {
      spy.mockRestore();
    }
  });

  it('pages through the history newest first, and filters by label', async () => {
    const stored = [];
    for (const text of [texts.positive, texts.negative, texts.neutral, texts.positive]) {
      stored.push((await store(text)).body.id as string);
    }
    const first = await api(app, ada).get(`${path}?limit=2`).expect(200);
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual(
      stored.slice(-2).reverse(),
    );
    const second = await api(app, ada)
      .get(`${path}?limit=2&cursor=${first.body.next_cursor}`)
      .expect(200);
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual(
      stored.slice(0, 2).reverse(),
    );
    const positive = await api(app, ada)
      .get(`${path}?sentiment_label=positive&limit=100`)
      .expect(200);
    expect(positive.body.items.length).toBeGreaterThanOrEqual(2);
    for (const item of positive.body.items) expect(item.result.sentiment_label).toBe('positive');
    const all = await api(app, ada).get(`${path}?limit=100`).expect(200);
    expect(all.body.next_cursor).toBeNull();
    // A last page that is exactly full has no next page either.
    const exact = await api(app, ada).get(`${path}?limit=${all.body.items.length}`).expect(200);
    expect(exact.body.items).toHaveLength(all.body.items.length);
    expect(exact.body.next_cursor).toBeNull();
  });

  it('deletes: 204, then 404 problem+json on read and on delete', async () => {
    const { id } = (await store(texts.neutral)).body;
    const deleted = await api(app, ada).delete(`${path}/${id}`).expect(204);
    expect(deleted.text).toBe('');
    const gone = await api(app, ada).get(`${path}/${id}`);
    expectProblem(gone, 404);
    expect(gone.body).toMatchObject({
      detail: `No analysis has the id ${id}.`,
      instance: `${path}/${id}`,
    });
    expectProblem(await api(app, ada).delete(`${path}/${id}`), 404);
  });

  it.each([
    ['limit=0', '/query/limit'],
    ['limit=101', '/query/limit'],
    ['limit=abc', '/query/limit'],
    ['cursor=garbage!', '/query/cursor'],
    ['cursor=bm90LWEtdXVpZA', '/query/cursor'],
    ['sentiment_label=happy', '/query/sentiment_label'],
    ['colour=red', '/query/colour'],
  ])('answers ?%s with 422 at %s', async (query, pointer) => {
    const response = await api(app, ada).get(`${path}?${query}`);
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: pointer })]);
  });

  it.each(['get', 'delete'] as const)(
    'answers %s of an id that is not a UUID with 422 at /path/id',
    async (method) => {
      const response = await api(app, ada)[method](`${path}/42`);
      expectProblem(response, 422);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: '/path/id' })]);
    },
  );

  it.each([
    ['quotes and SQL', `It's "fine"; '); DROP TABLE analyses; --`],
    ['emoji and accents', 'Naïve café 😀 — déjà vu, 𝄞 and 中文 too.'],
    ['the longest text', `${'a'.repeat(4998)}😀`],
  ])('round-trips %s byte for byte', async (_name, text) => {
    const { id } = (await store(text)).body;
    const read = await api(app, ada).get(`${path}/${id}`).expect(200);
    expect(read.body.text).toBe(text);
  });

  it.each([
    ['a NUL character', 'Hello\u0000 there, world'],
    ['a lone surrogate', 'Broken \ud800 text here'],
  ])('answers a text with %s with 422 at /text', async (_name, text) => {
    const response = await api(app, ada).post(path).send({ text });
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: '/text' })]);
  });

  it('stores 200 concurrent analyses exactly once each', async () => {
    const before = (await api(app, ada).get(`${path}?limit=100`)).body.items.length as number;
    const marker = `concurrent ${Date.now()}`;
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        api(app, ada)
          .post(path)
          .send({ text: `${marker} number ${index}` }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(200).fill(201));
    const ids = new Set(responses.map((response) => response.body.id));
    expect(ids.size).toBe(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api(app, ada).get(`${path}?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((item: { text: string }) => item.text));
      cursor = page.body.next_cursor;
    } while (cursor);
    const mine = seen.filter((text) => text.startsWith(marker));
    expect(mine).toHaveLength(200);
    expect(new Set(mine).size).toBe(200);
    expect(seen.length).toBe(before + 200);
  });
});

describe('/v1/analyses in a data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'textpulse-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps what it stored across a restart', async () => {
    const first = await createTestApp({ DATA_DIR: dataDir });
    const ada = await signUp(first);
    const { id } = (await api(first, ada).post(path).send({ text: texts.positive }).expect(201))
      .body;
    await first.close();
    const second = await createTestApp({ DATA_DIR: dataDir });
    try {
      const read = await api(second, ada).get(`${path}/${id}`).expect(200);
      expect(read.body.text).toBe(texts.positive);
    } finally {
      await second.close();
    }
  });
});

describe('/v1/analyses on a PostgreSQL that two replicas share', () => {
  const postgres = new ThrowawayPostgres();
  afterAll(() => postgres.stop());

  it('runs the migrations once when both start together, and shares what either stores', async () => {
    await postgres.start();
    const [one, two] = await Promise.all([
      createTestApp({ DATABASE_URL: postgres.url }),
      createTestApp({ DATABASE_URL: postgres.url }),
    ]);
    try {
      await Promise.all([one.get(Storage).database(), two.get(Storage).database()]);
      const ada = await signUp(one);
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      const applied = await client.query(
        'SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations',
      );
      await client.end();
      expect(applied.rows).toEqual([{ count: migrationCount }]);
      const { id } = (await api(one, ada).post(path).send({ text: texts.neutral }).expect(201))
        .body;
      await api(two, ada).get(`${path}/${id}`).expect(200);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe('/v1/analyses when PostgreSQL goes down', () => {
  const postgres = new ThrowawayPostgres();
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    await postgres.start();
    // The production timeout: a shorter one would fail healthy queries on a busy machine.
    app = await createTestApp({ DATABASE_URL: postgres.url });
    ada = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
    postgres.stop();
  });

  it('answers 503 problem+json with Retry-After, and keeps analyzing without it', async () => {
    await api(app, ada).post(path).send({ text: texts.neutral }).expect(201);
    postgres.halt();
    const health = await api(app).get('/v1/health').expect(200);
    expect(health.body.database).toEqual({ status: 'down', driver: 'postgres' });
    for (const send of [
      () => api(app, ada).post(path).send({ text: texts.neutral }),
      () => api(app, ada).get(path),
    ]) {
      const response = await send();
      expectProblem(response, 503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body).toMatchObject({
        title: 'Storage unavailable',
        detail: 'The database did not answer; try again shortly.',
      });
    }
    await api(app).post('/v1/analyze').send({ text: texts.neutral }).expect(200);
  });

  it('stores again once PostgreSQL is back', async () => {
    postgres.resume();
    await api(app, ada).post(path).send({ text: texts.neutral }).expect(201);
    const health = await api(app).get('/v1/health').expect(200);
    expect(health.body.database).toEqual({ status: 'up', driver: 'postgres' });
  });
});

describe('/v1/analyses when PostgreSQL answers later than DATABASE_TIMEOUT_MS', () => {
  const postgres = new ThrowawayPostgres();
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    await postgres.start();
    app = await createTestApp({ DATABASE_URL: postgres.url });
    ada = await signUp(app);
  });
  afterAll(async () => {
    await app.close();
    postgres.stop();
  });

  it('answers 503 problem+json with Retry-After while a lock holds the table, then stores again', async () => {
    await api(app, ada).post(path).send({ text: texts.neutral }).expect(201);
    // Another session holds the table: every read and write of the API waits behind it.
    const holder = new pg.Client({ connectionString: postgres.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE analyses IN ACCESS EXCLUSIVE MODE');
      for (const send of [
        () => api(app, ada).post(path).send({ text: texts.neutral }),
        () => api(app, ada).get(path),
      ]) {
        const response = await send();
        expectProblem(response, 503);
        expect(response.headers['retry-after']).toBe('5');
      }
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    await api(app, ada).post(path).send({ text: texts.neutral }).expect(201);
  });
});

describe('/v1/analyses when PostgreSQL is down at the first request', () => {
  const postgres = new ThrowawayPostgres();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    await postgres.start();
    postgres.halt();
    app = await createTestApp({ DATABASE_URL: postgres.url });
  });
  afterAll(async () => {
    await app.close();
    postgres.stop();
  });

  it('answers 503, then opens the database once it is there', async () => {
    // Even who calls cannot be told without the database.
    expectProblem(await api(app, { key: 'tp_not-checked-yet' }).get(path), 503);
    postgres.resume();
    const ada = await signUp(app);
    await api(app, ada).post(path).send({ text: texts.neutral }).expect(201);
  });
});
