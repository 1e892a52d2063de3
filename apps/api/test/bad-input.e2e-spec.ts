import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  BODY_LIMIT_BYTES,
  duplicateKeyDetail,
  FORBIDDEN_KEY_DETAIL,
  INVALID_UTF8_DETAIL,
  MALFORMED_JSON_DETAIL,
  problemCatalog,
} from '@textpulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { type Person, signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';

const path = '/v1/analyze';
const text = 'A perfectly ordinary sentence to analyze.';

interface Case {
  name: string;
  body: string;
  contentType?: string;
  status: number;
  errorPath?: string;
}

const nested = (depth: number) => `{"text": ${'['.repeat(depth)}${']'.repeat(depth)}}`;

const cases: Case[] = [
  { name: 'malformed JSON', body: '{"text": "unterminated', status: 400 },
  { name: 'an empty body', body: '', status: 400 },
  {
    name: 'a body over the limit',
    body: JSON.stringify({ text: 'x'.repeat(BODY_LIMIT_BYTES) }),
    status: 413,
  },
  { name: 'text/plain', body: text, contentType: 'text/plain', status: 415 },
  {
    name: 'JSON in Latin-1',
    body: JSON.stringify({ text }),
    contentType: 'application/json; charset=iso-8859-1',
    status: 415,
  },
  { name: 'a repeated key', body: `{"text": "${text}", "text": "${text}"}`, status: 400 },
  {
    name: 'application/xml',
    body: '<text>hello world</text>',
    contentType: 'application/xml',
    status: 415,
  },
  {
    name: 'a form',
    body: 'text=hello+world+again',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
  },
  {
    name: 'deeply nested arrays (10,000 levels)',
    body: nested(10_000),
    status: 422,
    errorPath: '/text',
  },
  {
    name: 'a __proto__ key',
    body: `{"text": "${text}", "__proto__": {"polluted": true}}`,
    status: 400,
  },
  {
    name: 'a constructor.prototype key',
    body: `{"text": "${text}", "constructor": {"prototype": {"polluted": true}}}`,
    status: 400,
  },
  {
    name: 'a prototype key',
    body: `{"text": "${text}", "prototype": {"polluted": true}}`,
    status: 422,
    errorPath: '/prototype',
  },
  {
    name: 'a huge string',
    body: JSON.stringify({ text: 'x'.repeat(60_000) }),
    status: 422,
    errorPath: '/text',
  },
  {
    name: 'a number where a string belongs',
    body: '{"text": 12345678901}',
    status: 422,
    errorPath: '/text',
  },
  {
    name: 'a boolean where a string belongs',
    body: '{"text": true}',
    status: 422,
    errorPath: '/text',
  },
  { name: 'null text', body: '{"text": null}', status: 422, errorPath: '/text' },
  { name: 'a null root', body: 'null', status: 422, errorPath: '' },
  { name: 'an array root', body: '[]', status: 422, errorPath: '' },
  { name: 'a number root', body: '42', status: 422, errorPath: '' },
  { name: 'a string root', body: '"text"', status: 422, errorPath: '' },
  {
    name: 'an unknown field',
    body: `{"text": "${text}", "lang": "en"}`,
    status: 422,
    errorPath: '/lang',
  },
  {
    name: 'a lone surrogate in the text',
    body: '{"text": "broken \\ud800 surrogate text"}',
    status: 200,
  },
];

describe('the bad-input matrix on POST /v1/analyze', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_MAX: '1000000000' });
  });
  afterAll(() => app.close());

  it.each(cases)(
    'answers $name with $status',
    async ({ body, contentType = 'application/json', status, errorPath }) => {
      const response = await api(app).post(path).set('content-type', contentType).send(body);
      if (status >= 400) expectProblem(response, status);
      expect(response.status).toBe(status);
      if (errorPath !== undefined) {
        expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(
          errorPath,
        );
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      await api(app).post(path).send({ text }).expect(200);
    },
  );

  it.each([
    ['{"text": ', MALFORMED_JSON_DETAIL],
    ['', MALFORMED_JSON_DETAIL],
    [`{"__proto__": {"polluted": true}}`, FORBIDDEN_KEY_DETAIL],
    [`{"text": "${text}", "text": "${text}"}`, duplicateKeyDetail('/text')],
    [`{"text": "${text}", "options": {"\\u0061": 1, "a": 2}}`, duplicateKeyDetail('/options/a')],
  ])('words the 400 for %j as the web route handlers do', async (body, detail) => {
    const response = await api(app).post(path).set('content-type', 'application/json').send(body);
    expectProblem(response, 400);
    expect(response.body.detail).toBe(detail);
  });

  it('ignores junk query strings', async () => {
    const response = await api(app).post(`${path}?a[b]=1&&&%zz=%%&text=x`).send({ text });
    expect(response.status).toBe(200);
  });

  it('replaces a junk X-Request-Id and ignores unknown headers', async () => {
    const response = await api(app)
      .post(path)
      .set('x-request-id', '../../etc/passwd<script>')
      .set('x-junk', '\u00ff'.repeat(100))
      .send({ text });
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).not.toContain('<');
  });
});

describe('requests on the wire', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  it('answers invalid UTF-8 bytes in the text with a 400, never replacement characters', async () => {
    const body = Buffer.concat([
      Buffer.from('{"text": "invalid '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' utf-8 bytes"}'),
    ]);
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ detail: INVALID_UTF8_DETAIL });
  });

  it.each([
    [
      'headers too large',
      (host: string) =>
        `GET /v1/health HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'headers-too-large',
    ],
    ['a malformed request line', () => 'NOT A REQUEST\r\n\r\n', 'malformed-request'],
  ] as const)('answers %s with problem+json at the HTTP parser', async (_name, raw, name) => {
    const { status, title } = problemCatalog[name];
    const answer = await new Promise<string>((resolve, reject) => {
      let data = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(raw(`127.0.0.1:${port}`)));
      socket.on('data', (chunk) => {
        data += chunk.toString('latin1');
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(answer.toLowerCase()).toContain('content-type: application/problem+json');
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({
      type: `/problems/${name}`,
      title,
      status,
      detail: 'The HTTP request could not be parsed.',
    });
  });
});

describe('query integers', () => {
  let app: NestFastifyApplication;
  let ada: Person;
  beforeAll(async () => {
    app = await createTestApp();
    ada = await signUp(app);
  });
  afterAll(() => app.close());

  it.each(['1e1', '0x10', '%207', '+7', '7.0', '9'.repeat(400)])(
    'answer limit=%s with a 422 that points at /query/limit once',
    async (limit) => {
      const response = await api(app, ada).get(`/v1/analyses?limit=${limit}`);
      expectProblem(response, 422);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: '/query/limit' })]);
    },
  );

  it('accept decimal digits', async () => {
    const response = await api(app, ada).get('/v1/analyses?limit=07');
    expect(response.status).toBe(200);
  });
});
