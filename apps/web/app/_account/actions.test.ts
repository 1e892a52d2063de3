import { SESSION_COOKIE } from '@textpulse/contracts';
import { linkIn, ThrowawaySmtp } from '@textpulse/smtp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtApiServer } from '@/lib/testing/built-server';
import type * as Actions from './actions';

/** What redirect() threw: where the Server Action sent the browser. */
class Redirected extends Error {
  constructor(readonly to: string) {
    super(`redirect to ${to}`);
  }
}

/** The browser's request the Server Action runs for, and the cookies its answer sets. */
let requestHeaders = new Headers();
const setCookies = new Map<string, string>();
vi.mock('next/headers', () => ({
  headers: async () => requestHeaders,
  cookies: async () => ({
    set: (name: string, value: string) => setCookies.set(name, value),
    delete: (name: string) => setCookies.delete(name),
  }),
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Redirected(to);
  },
}));

const form = (fields: Record<string, string>): FormData => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** Where the action sent the browser; it failed the test if it answered instead. */
async function redirectOf(run: Promise<unknown>): Promise<string> {
  const outcome = await run.then(
    (state) => new Error(`answered ${JSON.stringify(state)}`),
    (error: unknown) => error,
  );
  if (outcome instanceof Redirected) return outcome.to;
  throw outcome;
}

const smtp = new ThrowawaySmtp();
let api: ReturnType<typeof builtApiServer>;
let actions: typeof Actions;

beforeAll(async () => {
  await smtp.start();
  api = await builtApiServer({ REQUIRE_EMAIL_VERIFICATION: 'true', SMTP_URL: smtp.url }).start();
  vi.stubEnv('API_URL', api.url);
  actions = await import('./actions');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await api.stop();
  await smtp.stop();
});

describe('the account forms where the API requires verified addresses (Server Actions)', () => {
  it('sign up without a session, say where the link went, and sign in through the link once', async () => {
    const email = 'cy@example.com';
    const password = 'correct horse battery staple';
    const signedUp = await actions.signUp({}, form({ name: 'Cy', email, password, next: '/' }));
    expect(signedUp.notice).toBe(
      `We sent a link to ${email}: open it within an hour to verify your address and sign in.`,
    );
    expect(setCookies.size).toBe(0);

    const early = await actions.signIn({}, form({ email, password, next: '/' }));
    expect(early.problem).toMatchObject({ status: 403, type: '/problems/email-not-verified' });

    const token = linkIn(await smtp.to(email)).searchParams.get('token') ?? '';
    expect(await redirectOf(actions.verifyEmail({}, form({ token })))).toBe('/history');
    expect(setCookies.get(SESSION_COOKIE)).toEqual(expect.any(String));

    setCookies.clear();
    const again = await actions.verifyEmail({}, form({ token }));
    expect(again.problem).toMatchObject({ status: 410, type: '/problems/link-expired' });
    expect(setCookies.size).toBe(0);
  });
});

describe('the forgotten-password forms (Server Actions)', () => {
  it('say a link is on its way, set the password from it, and forget this browser’s session', async () => {
    requestHeaders = new Headers({ 'x-forwarded-for': '203.0.113.40' });
    const email = 'dee@example.com';
    await actions.signUp({}, form({ name: 'Dee', email, password: 'the first long password' }));
    const verifyToken = linkIn(await smtp.to(email)).searchParams.get('token') ?? '';
    await redirectOf(actions.verifyEmail({}, form({ token: verifyToken })));

    const asked = await actions.requestPasswordReset({}, form({ email }));
    expect(asked.notice).toBe(
      `If an account uses ${email}, a link to set a new password is on its way. It works once, for an hour.`,
    );
    const reset = await smtp.to(email, 2);
    expect(reset.subject).toBe('Reset your TextPulse password');
    const token = linkIn(reset).searchParams.get('token') ?? '';

    const refused = await actions.resetPassword({}, form({ token, new_password: 'short' }));
    expect(refused.problem?.errors?.[0]).toMatchObject({ path: '/new_password' });
    setCookies.set(SESSION_COOKIE, 'this browser’s session');
    const done = actions.resetPassword(
      {},
      form({ token, new_password: 'the second long password' }),
    );
    expect(await redirectOf(done)).toBe('/sign-in?password=reset');
    expect(setCookies.has(SESSION_COOKIE)).toBe(false);

    const unknown = await actions.requestPasswordReset({}, form({ email: 'nobody@example.com' }));
    expect(unknown.notice).toContain('If an account uses nobody@example.com');
  });
});
