import 'server-only';
import type { Account } from '@textpulse/contracts';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { callApi, callContext } from './api-call';

/**
 * The signed-in person of this request, asked of the API with their session cookie once per
 * request; undefined without a session, or when the API no longer knows it.
 */
export const currentAccount = cache(async (): Promise<Account | undefined> => {
  const context = callContext('/', await headers());
  if (!context.session) return undefined;
  const outcome = await callApi('getSession', {}, context);
  return outcome.ok ? outcome.data.account : undefined;
});

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

/** Sends a person who is not signed in to sign in, and back to `next` afterwards. */
export async function requireAccount(next: string): Promise<Account> {
  const account = await currentAccount();
  if (!account) redirect(signInHref(next));
  return account;
}
