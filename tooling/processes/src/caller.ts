import { randomUUID } from 'node:crypto';

/** A person made on a running API for a test, a benchmark or a proof: how to call as them. */
export interface ApiCaller {
  readonly email: string;
  readonly password: string;
  /** `name=value` of their session cookie, as a Cookie header. */
  readonly cookie: string;
  /** An API key of theirs. */
  readonly key: string;
  /** The header that sends the key: `{ authorization: 'Bearer …' }`. */
  readonly headers: { readonly authorization: string };
}

/**
 * Signs a new person up on the API at `url` (a fresh email each time) and makes them an API key,
 * through the API's own operations, as a client would; `headers` go with both requests (an
 * X-Forwarded-For through a proxy, say).
 */
export async function signUpCaller(
  url: string,
  name = 'Ada Lovelace',
  headers: Record<string, string> = {},
): Promise<ApiCaller> {
  const email = `${randomUUID()}@example.com`;
  const password = 'correct horse battery staple';
  const signedUp = await fetch(`${url}/v1/auth/sign-up`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name, email, password }),
  });
  if (signedUp.status !== 201) throw new Error(`Sign-up at ${url} answered ${signedUp.status}`);
  const cookie = signedUp.headers.getSetCookie()[0]?.split(';', 1)[0] ?? '';
  const created = await fetch(`${url}/v1/auth/api-keys`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'tests' }),
  });
  if (created.status !== 201) throw new Error(`Making a key at ${url} answered ${created.status}`);
  const { key } = (await created.json()) as { key: string };
  return { email, password, cookie, key, headers: { authorization: `Bearer ${key}` } };
}
