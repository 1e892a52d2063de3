import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BODY_LIMIT_BYTES } from '@textpulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { api, expectProblem } from './support/documented.js';

const path = '/v1/analyze';
const text = 'Ada Lovelace wrote the first program in London, and the team at Acme Corp loved it.';

describe('POST /v1/analyze', () => {
  let app: NestFastifyApplication;
  const post = () => api(app).post(path);

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('analyzes a text without entities by default', async () => {
    const response = await post().send({ text }).expect(200);
    expect(response.body).toEqual({
      sentiment_score: expect.any(Number),
      sentiment_label: 'positive',
      word_count: 16,
    });
  });

  it('extracts entities with offsets when asked', async () => {
    const response = await post().send({ text, extract_entities: true }).expect(200);
    expect(response.body.entities).toEqual([
      { text: 'Ada Lovelace', type: 'person', start: 0, end: 12 },
      { text: 'London', type: 'place', start: 40, end: 46 },
      { text: 'Acme Corp', type: 'organization', start: 64, end: 73 },
    ]);
  });

  it('accepts a JSON content type with a charset', async () => {
    await post()
      .set('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ text }))
      .expect(200);
  });

  it('answers 422 with every violation at its JSON Pointer', async () => {
    const response = await post().send({ text: 'too short', extract_entities: 'yes', lang: 'en' });
    expectProblem(response, 422);
    expect(response.body).toEqual({
      type: '/problems/validation-error',
      title: 'Validation failed',
      status: 422,
      detail: 'The request body has 3 invalid fields.',
      instance: path,
      errors: [
        { path: '/text', code: 'too_small', message: 'Enter at least 10 characters.' },
        { path: '/extract_entities', code: 'invalid_type', message: expect.any(String) },
        { path: '/lang', code: 'unrecognized_keys', message: 'Unrecognized key: "lang"' },
      ],
    });
  });

  it.each([
    ['an array', [{ text }]],
    ['a string', 'text'],
    ['null', null],
  ])('answers 422 for %s at the root', async (_name, body) => {
    const response = await post()
      .set('content-type', 'application/json')
      .send(JSON.stringify(body));
    expectProblem(response, 422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: '', code: 'invalid_type' }),
    ]);
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await post()
      .set('content-type', 'application/json')
      .send('{"text": "unterminated');
    expectProblem(response, 400);
    expect(response.body).toMatchObject({ title: 'Bad Request', instance: path });
  });

  it('answers 400 for an empty JSON body', async () => {
    const response = await post().set('content-type', 'application/json').send('');
    expectProblem(response, 400);
  });

  it('answers 413 for a body over the documented limit', async () => {
    const response = await post().send({ text: 'a'.repeat(BODY_LIMIT_BYTES) });
    expectProblem(response, 413);
    expect(response.body.detail).toBe(`The body exceeds the limit of ${BODY_LIMIT_BYTES} bytes.`);
  });

  it.each([
    ['text/plain', 'hello there, world'],
    ['application/x-www-form-urlencoded', 'text=hello+there+world'],
  ])('answers 415 for %s', async (contentType, body) => {
    const response = await post().set('content-type', contentType).send(body);
    expectProblem(response, 415);
    expect(response.body.detail).toBe(`Send the body as application/json; got ${contentType}.`);
  });

  it('answers 415 when no content type is sent', async () => {
    const response = await post();
    expectProblem(response, 415);
    expect(response.body.detail).toBe('Send the body as application/json; got no Content-Type.');
  });

  it('keeps serving after bad input', async () => {
    await post().set('content-type', 'application/json').send('{');
    await post().send({ text }).expect(200);
  });
});
