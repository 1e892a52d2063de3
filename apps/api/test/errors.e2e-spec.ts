import { InternalServerErrorException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MALFORMED_URL_DETAIL } from '@textpulse/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnalyzeService } from '../src/analyze/analyze.service.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createTestApp } from './support/app.js';
import { signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';
import { LogLines } from './support/logs.js';

const text = 'A perfectly ordinary sentence to analyze.';
/** A 500 on POST /v1/analyze, as a client sees it: nothing about what went wrong inside. */
const INTERNAL_ERROR = {
  type: '/problems/internal-error',
  title: 'Internal Server Error',
  status: 500,
  instance: '/v1/analyze',
};

describe('errors', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => app.close());

  it.each([
    ['GET', '/v1/unknown'],
    ['GET', '/v1/analyze'],
    ['DELETE', '/v1/health'],
  ])('answers 404 problem+json for %s %s', async (method, path) => {
    const response = await api(app)[method === 'GET' ? 'get' : 'delete'](`${path}?q=1`);
    expectProblem(response, 404);
    expect(response.body).toEqual({
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: `Cannot ${method} ${path}?q=1`,
      instance: path,
    });
  });

  it.each([
    '/v1/analyses/%zz',
    '/v1/analyses/%E0%A4%A',
    '/v1/health/%',
    '/v1/analyses/%ff',
    '/v1/analyses/%C0%AF',
    '/v1/analyses/%ED%A0%80',
  ])(
    'answers 400 problem+json, with the security headers and the request id, to %s',
    async (url) => {
      const response = await app.inject({
        method: 'GET',
        url,
        headers: { 'x-request-id': 'bad-url-1' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toEqual({
        type: '/problems/malformed-request',
        title: 'Bad Request',
        status: 400,
        detail: MALFORMED_URL_DETAIL,
        instance: url,
      });
      expect(response.headers['x-request-id']).toBe('bad-url-1');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    },
  );

  it('judges an over-long path parameter by the contract: 422 at /path/id, not echoed', async () => {
    const id = 'a'.repeat(5000);
    const response = await api(app, await signUp(app)).get(`/v1/analyses/${id}`);
    expectProblem(response, 422);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['/path/id']);
    expect(response.text.length).toBeLessThan(id.length + 1000);
  });

  it.each([
    ['an error', new Error('connect to db://admin:hunter2@10.0.0.1 failed')],
    [
      'an HTTP 500 exception',
      new InternalServerErrorException('connect to db://admin:hunter2@10.0.0.1 failed'),
    ],
  ])('answers 500 with no internal detail when a handler throws %s', async (_kind, error) => {
    vi.spyOn(AnalyzeService.prototype, 'analyze').mockImplementation(() => {
      throw error;
    });
    const response = await api(app).post('/v1/analyze').send({ text });
    expectProblem(response, 500);
    expect(response.body).toEqual(INTERNAL_ERROR);
    expect(response.text).not.toContain('hunter2');
  });

  it('answers 500 when a handler breaks its response contract', async () => {
    vi.spyOn(AnalyzeService.prototype, 'analyze').mockReturnValue({
      sentiment_score: 7,
      sentiment_label: 'positive',
      word_count: 6,
    });
    const logs = new LogLines();
    const logged = await createApp(loadConfig({ DATA_DIR: 'memory' }), { logStream: logs });
    try {
      const response = await api(logged).post('/v1/analyze').send({ text });
      expectProblem(response, 500);
      expect(response.body).toEqual(INTERNAL_ERROR);
      const errors = logs.lines.filter((line) => line.level === 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        msg: 'Request failed with an unexpected error',
        // The cause, Zod's issues, says which field broke it.
        err: {
          message: expect.stringMatching(
            /^The analyzeText handler broke its response contract: .*sentiment_score/s,
          ),
        },
      });
    } finally {
      await logged.close();
    }
  });

  it('strips fields a handler adds beyond its response contract', async () => {
    vi.spyOn(AnalyzeService.prototype, 'analyze').mockReturnValue({
      sentiment_score: 0.5,
      sentiment_label: 'positive',
      word_count: 6,
      internal_note: 'do not leak',
    } as ReturnType<AnalyzeService['analyze']>);
    const response = await api(app).post('/v1/analyze').send({ text }).expect(200);
    expect(response.body).toEqual({
      sentiment_score: 0.5,
      sentiment_label: 'positive',
      word_count: 6,
    });
  });
});
