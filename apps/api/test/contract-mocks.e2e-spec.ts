import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type AnyEndpoint,
  BODY_LIMIT_BYTES,
  type EndpointName,
  endpoints,
  type RequestParts,
} from '@textpulse/contracts';
import { type ContractMockServer, serveContractMocks } from '@textpulse/contracts-testing/mocks';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { type Person, signUp } from './support/callers.js';
import { CapturingMailer, tokenIn } from './support/mail.js';

/**
 * The contract mocks (@textpulse/contracts-testing/mocks) and the real API get the same requests,
 * valid and invalid, for every operation, and must give the same status, problem `type` and
 * JSON Pointers: the mocks cannot drift from what the API answers.
 */

interface Sent {
  readonly method: AnyEndpoint['method'];
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** Sent as it is; a JSON value is sent as JSON. */
  readonly body?: string | object;
}

interface Answer {
  status: number;
  type: string | undefined;
  pointers: string[] | undefined;
  mediaType: string | undefined;
  /** Which of the headers a mock can give (Set-Cookie, Location) the answer carries. */
  headers: string[];
}

async function answerOf(target: string | NestFastifyApplication, sent: Sent): Promise<Answer> {
  const agent = request(typeof target === 'string' ? target : target.getHttpServer());
  let test = agent[sent.method](sent.path);
  for (const [name, value] of Object.entries(sent.headers ?? {})) test = test.set(name, value);
  if (sent.body !== undefined) test = test.send(sent.body);
  const response = await test;
  const body = response.body as { type?: string; errors?: { path: string }[] } | undefined;
  const problemBody = response.type === 'application/problem+json' ? body : undefined;
  return {
    status: response.status,
    type: problemBody?.type,
    pointers: problemBody?.errors?.map((error) => error.path).sort(),
    mediaType: response.type || undefined,
    headers: ['set-cookie', 'location'].filter((name) => response.headers[name] !== undefined),
  };
}

/** The path of an operation with its parameters filled in. */
const pathOf = (endpoint: AnyEndpoint, params: Record<string, string> = {}) =>
  endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

/** A request of the operation with the given parts (query values as given, strings). */
function sentOf(
  endpoint: AnyEndpoint,
  parts: RequestParts,
  headers: Record<string, string> = {},
): Sent {
  const query = new URLSearchParams(
    Object.entries((parts.query ?? {}) as Record<string, unknown>).map(
      ([name, value]): [string, string] => [name, String(value)],
    ),
  ).toString();
  return {
    method: endpoint.method,
    path: `${pathOf(endpoint, parts.params as Record<string, string>)}${query ? `?${query}` : ''}`,
    headers,
    ...(parts.body === undefined ? {} : { body: parts.body as object }),
  };
}

let api: NestFastifyApplication;
let verifying: NestFastifyApplication;
let mocks: ContractMockServer;
let ada: Person;
const mailer = new CapturingMailer();
const verifyingMailer = new CapturingMailer();

beforeAll(async () => {
  [api, verifying, mocks] = await Promise.all([
    createTestApp({ RATE_LIMIT_MAX: '1000000' }, { mailer }),
    createTestApp(
      { RATE_LIMIT_MAX: '1000000', REQUIRE_EMAIL_VERIFICATION: 'true' },
      { mailer: verifyingMailer },
    ),
    serveContractMocks(),
  ]);
  ada = await signUp(api);
  const session = await request(api.getHttpServer())
    .get('/v1/auth/session')
    .set('cookie', ada.cookie);
  mocks.use({ signedIn: session.body.account });
}, 60_000);
afterAll(() => Promise.all([api?.close(), verifying?.close(), mocks?.close()]));

const asAda = () => ({ cookie: ada.cookie });
const operations = Object.entries(endpoints) as [EndpointName, AnyEndpoint][];
const needsCaller = (endpoint: AnyEndpoint) =>
  endpoint.access === 'user' || endpoint.access === 'session';

async function expectSameAnswers(sent: Sent, app: NestFastifyApplication = api): Promise<Answer> {
  const [fromApi, fromMocks] = await Promise.all([answerOf(app, sent), answerOf(mocks.url, sent)]);
  expect(fromMocks, `${sent.method.toUpperCase()} ${sent.path}`).toEqual(fromApi);
  return fromApi;
}

describe.each(operations)(
  '%s: the mocks answer an invalid request as the API does',
  (_, endpoint) => {
    it.runIf(endpoint.invalidExample)(
      'its declared invalid example: 422, the same pointers',
      async () => {
        const answer = await expectSameAnswers(
          sentOf(endpoint, endpoint.invalidExample ?? {}, asAda()),
        );
        expect(answer.status).toBe(422);
      },
    );

    it.runIf(endpoint.body)('a body that is not JSON: 415, then 400 and 413', async () => {
      const path = pathOf(endpoint, { id: '019a8b2c-3d4e-7f60-8a1b-2c3d4e5f6a7b' });
      const base = { method: endpoint.method, path };
      const statuses = [];
      for (const [contentType, body] of [
        ['text/plain', 'Just some words.'],
        ['application/json', '{"text": '],
        ['application/json', JSON.stringify({ text: 'x'.repeat(BODY_LIMIT_BYTES) })],
      ] as const) {
        const sent = { ...base, headers: { ...asAda(), 'content-type': contentType }, body };
        statuses.push((await expectSameAnswers(sent)).status);
      }
      expect(statuses).toEqual([415, 400, 413]);
    });

    it.runIf(needsCaller(endpoint))(
      'without a caller: 401; with a malformed key: 401',
      async () => {
        const sent = sentOf(endpoint, endpoint.invalidExample ?? {});
        expect((await expectSameAnswers(sent)).status).toBe(401);
        const malformed = { ...sent, headers: { authorization: 'Basic YWRhOmFkYQ==' } };
        expect((await expectSameAnswers(malformed)).status).toBe(401);
      },
    );

    it.runIf(endpoint.access === 'session')(
      'with an API key instead of a session: 403',
      async () => {
        const sent = sentOf(endpoint, endpoint.invalidExample ?? {}, {
          authorization: `Bearer ${ada.key}`,
        });
        expect((await expectSameAnswers(sent)).status).toBe(403);
      },
    );
  },
);

it('a query parameter sent twice: the same 422', async () => {
  const sent = { method: 'get' as const, path: '/v1/analyses?limit=5&limit=6', headers: asAda() };
  const answer = await expectSameAnswers(sent);
  expect(answer).toMatchObject({ status: 422, pointers: ['/query/limit'] });
});

it('a path the contract does not declare: 404 from both', async () => {
  expect((await expectSameAnswers({ method: 'get', path: '/v1/unknown' })).status).toBe(404);
});

/** Signs a new person up on the API, for a request that uses their account up. */
const someone = () => signUp(api, 'Grace Hopper');

/** A stored analysis of Ada's on the API: its id. */
async function storedAnalysisId(): Promise<string> {
  const response = await request(api.getHttpServer())
    .post('/v1/analyses')
    .set('cookie', ada.cookie)
    .send({ text: 'A text worth keeping for a while.' });
  return response.body.id;
}

const PASSWORD = 'correct horse battery staple';
const TEXT = 'Ada Lovelace wrote the first program in London.';

/**
 * A valid request of each operation that needs something made first on the API (a stored
 * analysis, a key, a mailed token) or a particular caller; any other operation (a new one from
 * the endpoint generator) gets a request built from the contract alone: a body from its schema,
 * sent as Ada.
 */
const validRequests: Partial<
  Record<EndpointName, () => Promise<{ sent: Sent; app?: NestFastifyApplication }>>
> = {
  analyze: async () => ({ sent: { method: 'post', path: '/v1/analyze', body: { text: TEXT } } }),
  prompt: async () => ({
    sent: { method: 'post', path: '/v1/prompt', headers: asAda(), body: { prompt: TEXT } },
  }),
  promptStream: async () => ({
    sent: { method: 'post', path: '/v1/prompt/stream', headers: asAda(), body: { prompt: TEXT } },
  }),
  health: async () => ({ sent: { method: 'get', path: '/v1/health' } }),
  createAnalysis: async () => ({
    sent: { method: 'post', path: '/v1/analyses', headers: asAda(), body: { text: TEXT } },
  }),
  listAnalyses: async () => ({
    sent: {
      method: 'get',
      path: '/v1/analyses?limit=5&sentiment_label=positive',
      headers: asAda(),
    },
  }),
  getAnalysis: async () => ({
    sent: { method: 'get', path: `/v1/analyses/${await storedAnalysisId()}`, headers: asAda() },
  }),
  deleteAnalysis: async () => ({
    sent: { method: 'delete', path: `/v1/analyses/${await storedAnalysisId()}`, headers: asAda() },
  }),
  signUp: async () => ({
    sent: {
      method: 'post',
      path: '/v1/auth/sign-up',
      body: { name: 'Edsger', email: `${crypto.randomUUID()}@example.com`, password: PASSWORD },
    },
  }),
  signIn: async () => ({
    sent: {
      method: 'post',
      path: '/v1/auth/sign-in',
      body: { email: ada.email, password: ada.password },
    },
  }),
  requestPasswordReset: async () => ({
    sent: { method: 'post', path: '/v1/auth/password-reset-requests', body: { email: ada.email } },
  }),
  resetPassword: async () => {
    const grace = await someone();
    await request(api.getHttpServer())
      .post('/v1/auth/password-reset-requests')
      .send({ email: grace.email })
      .expect(202);
    const token = tokenIn(await mailer.nth(grace.email, 1));
    return {
      sent: {
        method: 'post',
        path: '/v1/auth/password-resets',
        body: { token, new_password: `${PASSWORD}!` },
      },
    };
  },
  verifyEmail: async () => {
    const email = `${crypto.randomUUID()}@example.com`;
    await request(verifying.getHttpServer())
      .post('/v1/auth/sign-up')
      .send({ name: 'Barbara', email, password: PASSWORD })
      .expect(201);
    const token = tokenIn(await verifyingMailer.nth(email, 1));
    return {
      sent: { method: 'post', path: '/v1/auth/email-verifications', body: { token } },
      app: verifying,
    };
  },
  signOut: async () => ({
    sent: {
      method: 'post',
      path: '/v1/auth/sign-out',
      headers: { cookie: (await someone()).cookie },
    },
  }),
  getSession: async () => ({ sent: { method: 'get', path: '/v1/auth/session', headers: asAda() } }),
  changePassword: async () => {
    const grace = await someone();
    return {
      sent: {
        method: 'post',
        path: '/v1/auth/password',
        headers: { cookie: grace.cookie },
        body: { current_password: grace.password, new_password: `${PASSWORD}?` },
      },
    };
  },
  deleteAccount: async () => {
    const grace = await someone();
    return {
      sent: {
        method: 'delete',
        path: '/v1/auth/account',
        headers: { cookie: grace.cookie },
        body: { password: grace.password },
      },
    };
  },
  createApiKey: async () => ({
    sent: { method: 'post', path: '/v1/auth/api-keys', headers: asAda(), body: { name: 'export' } },
  }),
  listApiKeys: async () => ({
    sent: { method: 'get', path: '/v1/auth/api-keys', headers: asAda() },
  }),
  revokeApiKey: async () => {
    const made = await request(api.getHttpServer())
      .post('/v1/auth/api-keys')
      .set('cookie', ada.cookie)
      .send({ name: 'to revoke' });
    return {
      sent: { method: 'delete', path: `/v1/auth/api-keys/${made.body.id}`, headers: asAda() },
    };
  },
};

/** A request of an operation without path parameters from its schemas' declared examples. */
async function fromTheContract(
  endpoint: AnyEndpoint,
): Promise<{ sent: Sent; app?: NestFastifyApplication }> {
  if (endpoint.params) throw new Error(`${endpoint.operationId} needs a case in validRequests`);
  const parts = { query: endpoint.query?.meta()?.example, body: endpoint.body?.meta()?.example };
  return { sent: sentOf(endpoint, parts, asAda()) };
}

describe.each(operations)(
  '%s: the mocks answer a valid request as the API does',
  (name, endpoint) => {
    it(`its success status (${endpoint.success.status}) and media type`, async () => {
      const build = validRequests[name] ?? (() => fromTheContract(endpoint));
      const { sent, app } = await build();
      expect(sent.method).toBe(endpoint.method);
      const answer = await expectSameAnswers(sent, app);
      expect(answer.status).toBe(endpoint.success.status);
    });
  },
);
