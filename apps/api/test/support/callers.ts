import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { SESSION_COOKIE } from '@textpulse/contracts';
import { api } from './documented.js';

/** A person with an account: their session cookie and one API key. */
export interface Person {
  readonly userId: string;
  readonly email: string;
  readonly password: string;
  /** The Cookie header that carries their session. */
  readonly cookie: string;
  readonly key: string;
}

/** The Cookie header that sends the session cookie a response set. */
export function sessionCookieOf(setCookie: string[] | string | undefined): string {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [setCookie];
  const pair = lines
    .map((line) => line.split(';', 1)[0] ?? '')
    .find(
      (cookie) =>
        cookie.startsWith(`${SESSION_COOKIE}=`) && cookie.length > SESSION_COOKIE.length + 1,
    );
  if (pair === undefined) throw new Error(`No session cookie in ${JSON.stringify(lines)}`);
  return pair;
}

/** Signs a new person up (a fresh email each time) and makes them an API key. */
export async function signUp(app: INestApplication, name = 'Ada Lovelace'): Promise<Person> {
  const email = `${randomUUID()}@example.com`;
  const password = 'correct horse battery staple';
  const response = await api(app)
    .post('/v1/auth/sign-up')
    .send({ name, email, password })
    .expect(201);
  const cookie = sessionCookieOf(response.headers['set-cookie']);
  const created = await api(app, { cookie })
    .post('/v1/auth/api-keys')
    .send({ name: 'tests' })
    .expect(201);
  return { userId: response.body.account.id, email, password, cookie, key: created.body.key };
}
