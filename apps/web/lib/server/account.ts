import 'server-only';
import type { Account, Session } from '@textpulse/contracts';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { type ApiOutcome, type CallProblem, callApi, callContext, unlessFailed } from './api-call';

/**
 * What the API says of this request's session, asked once per request with the person's session
 * cookie; undefined when the browser sent none.
 */
const sessionOutcome = cache(
  async (): Promise<ApiOutcome<Session, CallProblem<'getSession'>> | undefined> => {
    const context = callContext('/', await headers());
    if (!context.session) return undefined;
    return callApi('getSession', {}, context);
  },
);

/**
 * The signed-in person of this request, for what only shows who it is (the header, the save
 * button): undefined without a session, when the API no longer knows it, or cannot say.
 */
export async function currentAccount(): Promise<Account | undefined> {
  const outcome = await sessionOutcome();
  return outcome?.ok ? outcome.data.account : undefined;
}

const PLACEHOLDER_ORIGIN = 'http://textpulse.invalid';

/**
 * A path on this site to return to after signing in: `next` when it is one (a path, not another
 * site, not `//host`, not a backslash trick), else `fallback`.
 */
export function returnPath(next: unknown, fallback = '/history'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return fallback;
  try {
    const url = new URL(next, PLACEHOLDER_ORIGIN);
    if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
    return `${url.pathname}${url.search}`;
  } catch {
    return fallback;
  }
}

/** The sign-in page, returning to `next` afterwards. */
export const signInHref = (next: string): string =>
  `/sign-in?${new URLSearchParams({ next: returnPath(next) })}`;

/**
 * The signed-in person, for a page that shows their data: anyone else is sent to sign in, and
 * back to `next` afterwards; an API that cannot say makes the page fail (ApiFailedError, a 500).
 */
export async function requireAccount(next: string): Promise<Account> {
  const outcome = await sessionOutcome();
  if (!outcome || (!outcome.ok && outcome.problem.type === '/problems/unauthorized'))
    redirect(signInHref(next));
  const known = unlessFailed(outcome);
  if (!known.ok) redirect(signInHref(next));
  return known.data.account;
}
