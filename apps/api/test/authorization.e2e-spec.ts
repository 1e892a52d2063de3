import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  type AnyEndpoint,
  type EndpointName,
  endpoints,
  SESSION_COOKIE,
} from '@textpulse/contracts';
import { createEmailVerificationToken } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_AUTH_SECRET } from '../src/config.js';
import { apiKeys } from '../src/storage/schema.js';
import { Storage } from '../src/storage/storage.js';
import { createTestApp } from './support/app.js';
import { type Person, sessionCookieOf, signUp } from './support/callers.js';
import { type As, api, expectProblem } from './support/documented.js';
import { CapturingMailer, tokenIn } from './support/mail.js';

/** What a cell of the matrix needs: a person A who owns things, and a person B who does not. */
interface World {
  readonly a: Person;
  readonly b: Person;
  /** An analysis A stored. */
  readonly analysisId: string;
  /** A second API key of A's, for revoking. */
  readonly spareKeyId: string;
  /** The token of a fresh password-reset link, each call another person's. */
  readonly resetToken: () => Promise<string>;
  /** The token of a fresh verification link, each call another person's. */
  readonly verificationToken: () => Promise<string>;
}

interface MatrixRequest {
  readonly path: string;
  readonly body?: object;
}

/**
 * A request of an operation that succeeds for A: its declared examples (the query's and the
 * body's), on its own path. An operation with path parameters, or whose examples would not
 * succeed for A, says here what would.
 */
const requestOf: {
  readonly [N in EndpointName]?: (world: World) => MatrixRequest | Promise<MatrixRequest>;
} = {
  prompt: () => ({ path: '/v1/prompt', body: { prompt: 'Say hello.', models: ['local'] } }),
  promptStream: () => ({
    path: '/v1/prompt/stream',
    body: { prompt: 'Say hello.', models: ['local'] },
  }),
  getAnalysis: (world) => ({ path: `/v1/analyses/${world.analysisId}` }),
  deleteAnalysis: (world) => ({ path: `/v1/analyses/${world.analysisId}` }),
  signUp: () => ({
    path: '/v1/auth/sign-up',
    body: {
      name: 'Grace',
      email: `${randomUUID()}@example.com`,
      password: 'a long enough password',
    },
  }),
  signIn: (world) => ({
    path: '/v1/auth/sign-in',
    body: { email: world.a.email, password: world.a.password },
  }),
  changePassword: (world) => ({
    path: '/v1/auth/password',
    body: { current_password: world.a.password, new_password: 'a brand new passphrase' },
  }),
  deleteAccount: (world) => ({ path: '/v1/auth/account', body: { password: world.a.password } }),
  resetPassword: async (world) => ({
    path: '/v1/auth/password-resets',
    body: { token: await world.resetToken(), new_password: 'a brand new passphrase' },
  }),
  verifyEmail: async (world) => ({
    path: '/v1/auth/email-verifications',
    body: { token: await world.verificationToken() },
  }),
  revokeApiKey: (world) => ({ path: `/v1/auth/api-keys/${world.spareKeyId}` }),
};

/** The request the declared examples make, for an operation without path parameters. */
function exampleRequest(endpoint: AnyEndpoint): MatrixRequest {
  if (endpoint.params) throw new Error(`${endpoint.operationId} needs a line in requestOf`);
  const query = endpoint.query?.meta()?.example as Record<string, string> | undefined;
  const body = endpoint.body?.meta()?.example as object | undefined;
  const search = query ? `?${new URLSearchParams(query)}` : '';
  return { path: `${endpoint.path}${search}`, ...(body ? { body } : {}) };
}

/** Operations that change what the next cell would find: each of their cells gets a new world. */
const changesTheWorld = new Set<EndpointName>([
  'deleteAnalysis',
  'signOut',
  'changePassword',
  'deleteAccount',
  'revokeApiKey',
]);

type Caller =
  | { readonly name: string; readonly kind: 'anonymous' }
  | { readonly name: string; readonly kind: 'invalid'; readonly as: () => As }
  | {
      readonly name: string;
      readonly kind: 'person';
      readonly who: 'a' | 'b';
      readonly via: 'session' | 'api-key';
    };

/** Credentials that once worked or never did, made once for the whole matrix. */
const invalid: Record<string, As> = {};

const callers: Caller[] = [
  { name: 'anonymous', kind: 'anonymous' },
  { name: "person A's session", kind: 'person', who: 'a', via: 'session' },
  { name: "person A's API key", kind: 'person', who: 'a', via: 'api-key' },
  { name: "person B's session", kind: 'person', who: 'b', via: 'session' },
  { name: 'a revoked key', kind: 'invalid', as: () => invalid.revoked ?? {} },
  { name: 'an expired key', kind: 'invalid', as: () => invalid.expired ?? {} },
  { name: 'a signed-out session', kind: 'invalid', as: () => invalid.signedOut ?? {} },
  { name: 'a tampered cookie', kind: 'invalid', as: () => invalid.tampered ?? {} },
  { name: "a deleted account's key", kind: 'invalid', as: () => invalid.deletedAccount ?? {} },
];

/** The status the declarations say `caller` gets from `endpoint` (on A's things, for ids). */
function expectedStatus(endpoint: AnyEndpoint, caller: Caller): number {
  const success = endpoint.success.status;
  switch (caller.kind) {
    case 'anonymous':
      return endpoint.access === 'public' || endpoint.access === 'optional' ? success : 401;
    case 'invalid':
      return endpoint.access === 'public' ? success : 401;
    case 'person':
      if (endpoint.access === 'session' && caller.via === 'api-key') return 403;
      // B asks for A's analysis or key by its id: not found, as an unknown id is.
      if (caller.who === 'b' && endpoint.params) return 404;
      return success;
  }
}

describe('the authorization matrix: every operation × every kind of caller', () => {
  let app: NestFastifyApplication;
  let shared: World;
  const mailer = new CapturingMailer();

  async function newWorld(): Promise<World> {
    const [a, b] = [await signUp(app, 'Ada'), await signUp(app, 'Bob')];
    const stored = await api(app, { cookie: a.cookie })
      .post('/v1/analyses')
      .send({ text: 'What a wonderful day this is.' })
      .expect(201);
    const spare = await api(app, { cookie: a.cookie })
      .post('/v1/auth/api-keys')
      .send({ name: 'spare' })
      .expect(201);
    return {
      a,
      b,
      analysisId: stored.body.id,
      spareKeyId: spare.body.id,
      resetToken: async () => {
        const person = await signUp(app, 'Forgetful');
        await api(app)
          .post('/v1/auth/password-reset-requests')
          .send({ email: person.email })
          .expect(202);
        return tokenIn(await mailer.nth(person.email, 1));
      },
      // Verification is off here, so no mail carries one: the library makes the token its mail would.
      verificationToken: async () => {
        const person = await signUp(app, 'Unverified');
        return createEmailVerificationToken(
          DEVELOPMENT_AUTH_SECRET,
          person.email,
          undefined,
          3600,
          {
            userId: person.userId,
          },
        );
      },
    };
  }

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_MAX: '1000000' }, { mailer });
    shared = await newWorld();
    const storage = app.get(Storage);

    const revoked = await signUp(app, 'Revoked');
    const keys = await api(app, { cookie: revoked.cookie }).get('/v1/auth/api-keys').expect(200);
    for (const key of keys.body.items) {
      await api(app, { cookie: revoked.cookie }).delete(`/v1/auth/api-keys/${key.id}`).expect(204);
    }
    invalid.revoked = { key: revoked.key };

    const expired = await signUp(app, 'Expired');
    await storage.run((db) =>
      db
        .update(apiKeys)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(apiKeys.referenceId, expired.userId)),
    );
    invalid.expired = { key: expired.key };

    const signedOut = await signUp(app, 'Signed Out');
    await api(app, { cookie: signedOut.cookie }).post('/v1/auth/sign-out').expect(204);
    invalid.signedOut = { cookie: signedOut.cookie };

    // The same session token, its signature changed.
    const [name, value = ''] = shared.a.cookie.split('=');
    const flipped = value.endsWith('A') ? `${value.slice(0, -1)}B` : `${value.slice(0, -1)}A`;
    invalid.tampered = { cookie: `${name}=${flipped}` };

    const deleted = await signUp(app, 'Deleted');
    await api(app, { cookie: deleted.cookie })
      .delete('/v1/auth/account')
      .send({ password: deleted.password })
      .expect(204);
    invalid.deletedAccount = { key: deleted.key };
  });
  afterAll(() => app.close());

  const names = Object.keys(endpoints) as EndpointName[];

  describe.each(names)('%s', (name) => {
    const endpoint: AnyEndpoint = endpoints[name];

    it.each(callers)('answers $name as its access level says', async (caller) => {
      const world = changesTheWorld.has(name) ? await newWorld() : shared;
      const person = caller.kind === 'person' ? world[caller.who] : undefined;
      const as: As =
        caller.kind === 'invalid'
          ? caller.as()
          : caller.kind === 'anonymous' || !person
            ? {}
            : caller.via === 'session'
              ? { cookie: person.cookie }
              : { key: person.key };
      const { path, body } = (await requestOf[name]?.(world)) ?? exampleRequest(endpoint);
      const test = api(app, as)[endpoint.method](path);
      const response = await (body ? test.send(body) : test);
      const expected = expectedStatus(endpoint, caller);
      expect(response.status, JSON.stringify(response.body)).toBe(expected);
      if (expected >= 400) expectProblem(response, expected);
      if (expected === 401) {
        expect(response.headers['www-authenticate']).toBe('Bearer realm="TextPulse"');
      }
    });
  });

  it("answers another person's analysis exactly as an unknown id: status, body and headers", async () => {
    const unknown = '019a8b2c-3d4e-7f60-8a1b-2c3d4e5f6a7b';
    const ask = (id: string) =>
      api(app, { cookie: shared.b.cookie }).get(`/v1/analyses/${id}`).set('x-request-id', 'same');
    const [theirs, nobodys] = [await ask(shared.analysisId), await ask(unknown)];
    const withoutId = (text: string, id: string) => text.replaceAll(id, '<id>');
    expect(theirs.status).toBe(404);
    expect(withoutId(theirs.text, shared.analysisId)).toBe(withoutId(nobodys.text, unknown));
    const headers = (response: typeof theirs) => {
      const { date: _date, 'content-length': _length, ...rest } = response.headers;
      return rest;
    };
    expect(headers(theirs)).toEqual(headers(nobodys));
  });

  it("lists only the caller's own analyses", async () => {
    const mine = await api(app, { key: shared.a.key }).get('/v1/analyses?limit=100').expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(shared.analysisId);
    const theirs = await api(app, { key: shared.b.key }).get('/v1/analyses?limit=100').expect(200);
    expect(theirs.body.items.map((item: { id: string }) => item.id)).not.toContain(
      shared.analysisId,
    );
  });

  it('answers a paid model without a caller 401, and lets a caller reach it', async () => {
    const paid = await createTestApp({
      TEXTPULSE_MODELS: 'local',
      TEXTPULSE_ALLOWED_MODELS: 'local,openai:gpt-4o-mini',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    });
    try {
      const body = { prompt: 'Say hello.', models: ['openai:gpt-4o-mini', 'local'] };
      const anonymous = await api(paid).post('/v1/prompt').send(body);
      expectProblem(anonymous, 401);
      expect(anonymous.body.detail).toContain('openai:gpt-4o-mini');
      const streamed = await api(paid).post('/v1/prompt/stream').send(body);
      expectProblem(streamed, 401);
      const person = await signUp(paid);
      // The paid model fails (nothing listens there), and the chain falls back to local.
      const answered = await api(paid, { key: person.key })
        .post('/v1/prompt')
        .send(body)
        .expect(200);
      expect(answered.body.model).toBe('local');
    } finally {
      await paid.close();
    }
  });

  it('refuses a change carried by a session cookie from an untrusted origin (CSRF), not from a trusted one', async () => {
    const refused = await api(app, { cookie: shared.a.cookie })
      .post('/v1/analyses')
      .set('origin', 'https://evil.example')
      .send({ text: 'Stored by a forged request.' });
    expectProblem(refused, 403);
    await api(app, { cookie: shared.a.cookie })
      .post('/v1/analyses')
      .set('origin', 'http://localhost:3000')
      .send({ text: 'Stored from the web app.' })
      .expect(201);
    // A key is not sent by browsers on their own: the origin does not matter.
    await api(app, { key: shared.a.key })
      .post('/v1/analyses')
      .set('origin', 'https://evil.example')
      .send({ text: 'Stored by a program.' })
      .expect(201);
  });

  it('names the session cookie as the contract does', () => {
    expect(shared.a.cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(sessionCookieOf([`${SESSION_COOKIE}=abc; Path=/`])).toBe(`${SESSION_COOKIE}=abc`);
  });
});
