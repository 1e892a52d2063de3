'use server';
import { endpoints, type Problem } from '@textpulse/contracts';
import { admitInputs } from '@textpulse/http';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { returnPath } from '@/lib/server/account';
import { callApi, callContext } from '@/lib/server/api-call';
import { rateLimitedProblem } from '@/lib/server/rate-limit';
import { forgetSessionCookie, relaySessionCookies } from '@/lib/server/session-cookie';

/** What a sign-in or sign-up form shows after a submission that did not go through. */
export interface CredentialsState {
  problem?: Problem;
  /** What was typed, but never the password. */
  values?: { name?: string; email?: string };
}

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/**
 * Server Action of the sign-in form: the contract's schema checks what was typed, the API checks
 * the password; the session cookie it sets is this site's, and the person goes back to `next`.
 */
export async function signIn(_state: CredentialsState, form: FormData): Promise<CredentialsState> {
  const instance = '/sign-in';
  const requestHeaders = await headers();
  const values = { email: text(form, 'email') };
  const limited = await rateLimitedProblem(requestHeaders, instance);
  if (limited) return { values, problem: limited.problem };
  const body = { email: values.email, password: text(form, 'password') };
  const request = admitInputs(endpoints.signIn, { body }, instance);
  if (!request.ok) return { values, problem: request.problem };
  const outcome = await callApi('signIn', request.inputs, callContext(instance, requestHeaders));
  if (!outcome.ok) return { values, problem: outcome.problem };
  await relaySessionCookies(outcome.setCookies);
  redirect(returnPath(form.get('next')));
}

/** Server Action of the sign-up form: makes the account and signs it in, as sign-in does. */
export async function signUp(_state: CredentialsState, form: FormData): Promise<CredentialsState> {
  const instance = '/sign-up';
  const requestHeaders = await headers();
  const values = { name: text(form, 'name'), email: text(form, 'email') };
  const limited = await rateLimitedProblem(requestHeaders, instance);
  if (limited) return { values, problem: limited.problem };
  const body = { ...values, password: text(form, 'password') };
  const request = admitInputs(endpoints.signUp, { body }, instance);
  if (!request.ok) return { values, problem: request.problem };
  const outcome = await callApi('signUp', request.inputs, callContext(instance, requestHeaders));
  if (!outcome.ok) return { values, problem: outcome.problem };
  await relaySessionCookies(outcome.setCookies);
  redirect(returnPath(form.get('next')));
}

/** Server Action of the header's sign-out button: ends the session at the API and here. */
export async function signOut(): Promise<void> {
  const context = callContext('/', await headers());
  if (context.session) await callApi('signOut', {}, context);
  await forgetSessionCookie();
  redirect('/');
}
