import { type BrowserContext, test as base, expect, type Response } from '@playwright/test';
import { type ReceivedMail, readMailbox } from '@textpulse/smtp';

/** Collects the Content-Security-Policy violations Chromium reports in a context's pages. */
export function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      violations.push(message.text());
    }
  });
  return violations;
}

/** Where global-setup.ts started a server under test. */
function startedAt(
  variable: 'E2E_WEB_URL' | 'E2E_API_URL' | 'E2E_API_DOCS_URL' | 'E2E_FAKE_URL' | 'E2E_MAILBOX',
): string {
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is unset: the tests run through playwright.config.ts`);
  return url;
}

/** The built API under test, at the address the web server reaches it by (its API_URL). */
export const apiUrl = startedAt('E2E_API_URL');
/** Its Swagger UI, at the public address the web app sends browsers to (API_DOCS_URL). */
export const apiDocsUrl = startedAt('E2E_API_DOCS_URL');

/**
 * Where a response that a page received names the server-side API address (API_URL's host): in a
 * header, or in a body that is not an event stream. Resolves once every response has been read.
 */
function watchApiAddress(context: BrowserContext): () => Promise<string[]> {
  const { host } = new URL(apiUrl);
  const checks: Promise<string | undefined>[] = [];
  const check = async (response: Response): Promise<string | undefined> => {
    // A page closed at the test's end can no longer fetch the raw headers; the parsed ones remain.
    const headers = await response.allHeaders().catch(() => response.headers());
    const header = Object.entries(headers).find(([, value]) => value.includes(host));
    if (header) return `${response.url()}: header ${header[0]}: ${header[1]}`;
    const type = headers['content-type'] ?? '';
    if (type.startsWith('text/event-stream') || response.status() >= 300) return undefined;
    const body = await response.text().catch(() => '');
    return body.includes(host) ? `${response.url()}: body` : undefined;
  };
  context.on('response', (response) => checks.push(check(response)));
  return async () => (await Promise.all(checks)).filter((leak) => leak !== undefined);
}
/** The fake OpenAI-compatible server behind it (@textpulse/fake-openai), with its GET /_fake/log. */
export const fakeOpenAiUrl = startedAt('E2E_FAKE_URL');

/** The built web app under test. */
export const webUrl = startedAt('E2E_WEB_URL');

/** Where the SMTP server the API sends its mail to writes each mail (@textpulse/smtp). */
const mailbox = startedAt('E2E_MAILBOX');

/** The mails sent to `address` so far, oldest first. */
export const mailTo = (address: string): ReceivedMail[] =>
  readMailbox(mailbox).filter((mail) => mail.to.includes(address));

/** A person with an account, made straight through the API: their session cookie and a key. */
export interface Person {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly session: { readonly name: string; readonly value: string };
  readonly key: string;
}

let people = 0;

/** Signs a new person up through the API (as another client would) and makes them an API key. */
export async function signUpThroughApi(name = 'Ada Lovelace'): Promise<Person> {
  people += 1;
  const email = `person-${people}-${Date.now()}@example.com`;
  const password = 'correct horse battery staple';
  const signedUp = await fetch(`${apiUrl}/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email, password }),
  });
  expect(signedUp.status).toBe(201);
  const [pair = ''] = signedUp.headers.getSetCookie()[0]?.split(';') ?? [];
  const at = pair.indexOf('=');
  const session = { name: pair.slice(0, at), value: pair.slice(at + 1) };
  const created = await fetch(`${apiUrl}/v1/auth/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: pair },
    body: JSON.stringify({ name: 'e2e' }),
  });
  expect(created.status).toBe(201);
  const { key } = (await created.json()) as { key: string };
  return { name, email, password, session, key };
}

/** Gives a browser context the person's session on the web app, as signing in there would. */
export async function signInBrowser(context: BrowserContext, person: Person): Promise<void> {
  await context.addCookies([{ ...person.session, url: webUrl, httpOnly: true, sameSite: 'Lax' }]);
}

/**
 * Playwright's test on the built web app (its baseURL), failing any test during which a page
 * reported a CSP violation or received the server-side API address.
 */
export const test = base.extend<{ cspViolations: string[]; apiAddressLeaks: undefined }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's needs from this pattern; it has none.
  baseURL: async ({}, use) => {
    await use(webUrl);
  },
  cspViolations: [
    async ({ context }, use) => {
      const violations = watchCsp(context);
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  apiAddressLeaks: [
    async ({ context }, use) => {
      const leaks = watchApiAddress(context);
      await use(undefined);
      expect(await leaks(), `responses naming the API's server-side address`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
