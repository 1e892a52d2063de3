import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refusedPort } from '@textpulse/ports';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldOf, submitCreation, submitJson } from './submit-json';

const Scored = z.object({ score: z.number() });

/** What the server answers next, and what it was sent. */
let answer: { status: number; contentType: string; body: string; location?: string } = {
  status: 200,
  contentType: 'application/json',
  body: '{}',
};
const received: { method?: string; headers: IncomingHttpHeaders; body: string }[] = [];

const server = createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  received.push({ method: request.method, headers: request.headers, body });
  const location = answer.location === undefined ? {} : { location: answer.location };
  response
    .writeHead(answer.status, { 'content-type': answer.contentType, ...location })
    .end(answer.body);
});
let url: string;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/analyze`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});
beforeEach(() => {
  received.length = 0;
});

const answerWith = (status: number, body: unknown, contentType = 'application/json') => {
  answer = { status, contentType, body: typeof body === 'string' ? body : JSON.stringify(body) };
};

const errors = [{ path: '/text', code: 'too_small', message: 'Enter at least 10 characters.' }];

/** A 422 problem whose errors[] name the text field. */
const answerWithValidationProblem = (detail: string) =>
  answerWith(
    422,
    { type: '/problems/validation-error', title: 'Validation failed', status: 422, detail, errors },
    'application/problem+json',
  );

describe('submitJson', () => {
  it('POSTs the body as JSON, asking for JSON', async () => {
    answerWith(200, { score: 1 });
    await submitJson(url, { text: 'Héllo', tags: [1, 2] }, Scored);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.body).toBe('{"text":"Héllo","tags":[1,2]}');
  });

  it('gives the data of a 2xx answer the schema accepts', async () => {
    answerWith(201, { score: 0.5 });
    expect(await submitJson(url, {}, Scored)).toEqual({ ok: true, data: { score: 0.5 } });
  });

  it('fails a 2xx answer the schema rejects, naming its status', async () => {
    answerWith(200, { score: 'high' });
    expect(await submitJson(url, {}, Scored)).toEqual({
      ok: false,
      message: 'Unexpected answer from the server (HTTP 200).',
      fieldErrors: [],
    });
  });

  it("fails with a problem's detail and its errors", async () => {
    answerWithValidationProblem('The request body has 1 invalid field.');
    expect(await submitJson(url, {}, Scored)).toEqual({
      ok: false,
      message: 'The request body has 1 invalid field.',
      fieldErrors: errors,
    });
  });

  it("fails with a problem's title when it has no detail, and no field errors", async () => {
    answerWith(
      429,
      { type: '/problems/rate-limited', title: 'Too Many Requests', status: 429 },
      'application/problem+json',
    );
    expect(await submitJson(url, {}, Scored)).toEqual({
      ok: false,
      message: 'Too Many Requests',
      fieldErrors: [],
    });
  });

  it('fails an error answer that is not a problem, naming its status', async () => {
    answerWith(500, '<html><body>Internal Server Error</body></html>', 'text/html');
    expect(await submitJson(url, {}, Scored)).toEqual({
      ok: false,
      message: 'Unexpected answer from the server (HTTP 500).',
      fieldErrors: [],
    });
  });

  it('fails with a network message when nothing answers', async () => {
    const closed = `http://127.0.0.1:${await refusedPort()}/api/analyze`;
    expect(await submitJson(closed, {}, Scored)).toEqual({
      ok: false,
      message: 'The network failed. Check your connection and try again.',
      fieldErrors: [],
    });
  });
});

describe('submitCreation', () => {
  const created = (location?: string, status = 201) => {
    answer = { status, contentType: 'application/json', body: 'a body it does not read', location };
  };
  const unexpected = (status: number) => ({
    ok: false,
    message: `Unexpected answer from the server (HTTP ${status}).`,
    fieldErrors: [],
  });

  it('POSTs the body as JSON and gives the Location of the 201, without reading its body', async () => {
    created('/history/0f8e5a4c-2b1d-4c3e-9f6a-7b8c9d0e1f2a');
    expect(await submitCreation(url, { text: 'Héllo' })).toEqual({
      ok: true,
      data: '/history/0f8e5a4c-2b1d-4c3e-9f6a-7b8c9d0e1f2a',
    });
    expect(received.at(-1)?.body).toBe('{"text":"Héllo"}');
  });

  it('fails a 201 without a Location, or with one on another origin', async () => {
    for (const location of [
      undefined,
      'https://elsewhere.example/history/1',
      '//elsewhere.example/1',
    ]) {
      created(location);
      expect(await submitCreation(url, {})).toEqual(unexpected(201));
    }
  });

  it('fails a success that created nothing (not 201)', async () => {
    created('/history/1', 200);
    expect(await submitCreation(url, {})).toEqual(unexpected(200));
  });

  it("fails with a problem's detail and its errors", async () => {
    answerWithValidationProblem('Bad.');
    expect(await submitCreation(url, {})).toEqual({
      ok: false,
      message: 'Bad.',
      fieldErrors: errors,
    });
  });
});

describe('fieldOf', () => {
  it("is the first segment of the error's JSON Pointer", () => {
    expect(fieldOf({ path: '/text/0', code: 'too_small', message: 'Too short.' })).toBe('text');
  });

  it('is no field for an error on the body itself', () => {
    expect(fieldOf({ path: '', code: 'invalid_type', message: 'Expected an object.' })).toBe(
      undefined,
    );
  });
});
