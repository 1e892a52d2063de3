'use server';
import { type Endpoints, endpoints, type Problem, type SuccessOf } from '@textpulse/contracts';
import { admitInputs } from '@textpulse/http';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { returnPath } from '@/lib/server/account';
import { type ApiOutcome, type CallInputs, callApi, callContext } from '@/lib/server/api-call';
import { rateLimitedProblem } from '@/lib/server/rate-limit';
import { forgetSessionCookie, relaySessionCookies } from '@/lib/server/session-cookie';

/** What an account form shows after a submission: what went wrong, or what happens next. */
export interface CredentialsState {
  problem?: Problem;
  /** What happens next, when the submission went through but the page stays. */
  notice?: string;
  /** What was typed, but never a password. */
  values?: { name?: string; email?: string };
}

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** The account operations a form of this folder submits. */
type FormOperation = 'signIn' | 'signUp' | 'requestPasswordReset' | 'resetPassword' | 'verifyEmail';

/**
 * What every account form does with a submission, in order: the web tier's own rate limit, the
 * contract's schema for the operation's body, then the API, as the browser that posted it.
 */
async function submit<N extends FormOperation>(
  operation: N,
  instance: string,
  body: Record<string, string>,
): Promise<ApiOutcome<SuccessOf<Endpoints[N]>>> {
  const requestHeaders = await headers();
  const limited = await rateLimitedProblem(requestHeaders, instance);
  if (limited) return { ok: false, problem: limited.problem };
  const request = admitInputs(endpoints[operation], { body }, instance);
  if (!request.ok) return { ok: false, problem: request.problem };
  // The inputs of endpoints[operation], checked by its own schemas: what callApi takes for it.
  const inputs = request.inputs as CallInputs<Endpoints[N]>;
  return callApi(operation, inputs, callContext(instance, requestHeaders));
}

/**
 * Server Action of the sign-in form: the contract's schema checks what was typed, the API checks
 * the password; the session cookie it sets is this site's, and the person goes back to `next`.
 */
export async function signIn(_state: CredentialsState, form: FormData): Promise<CredentialsState> {
  const values = { email: text(form, 'email') };
  const body = { ...values, password: text(form, 'password') };
  const outcome = await submit('signIn', '/sign-in', body);
  if (!outcome.ok) return { values, problem: outcome.problem };
  await relaySessionCookies(outcome.setCookies);
  redirect(returnPath(form.get('next')));
}

/**
 * Server Action of the sign-up form: makes the account and signs it in, as sign-in does; where
 * the API requires verified addresses, says where the link went instead.
 */
export async function signUp(_state: CredentialsState, form: FormData): Promise<CredentialsState> {
  const values = { name: text(form, 'name'), email: text(form, 'email') };
  const body = { ...values, password: text(form, 'password') };
  const outcome = await submit('signUp', '/sign-up', body);
  if (!outcome.ok) return { values, problem: outcome.problem };
  if (outcome.data.expires_at === null) {
    return {
      values,
      notice: `We sent a link to ${values.email}: open it within an hour to verify your address and sign in.`,
    };
  }
  await relaySessionCookies(outcome.setCookies);
  redirect(returnPath(form.get('next')));
}

/** Server Action of the forgotten-password form: the API mails a link if an account uses the address. */
export async function requestPasswordReset(
  _state: CredentialsState,
  form: FormData,
): Promise<CredentialsState> {
  const values = { email: text(form, 'email') };
  const outcome = await submit('requestPasswordReset', '/forgot-password', values);
  if (!outcome.ok) return { values, problem: outcome.problem };
  return {
    values,
    notice: `If an account uses ${values.email}, a link to set a new password is on its way. It works once, for an hour.`,
  };
}

/** Server Action of the reset form: the new password, with the token of the mailed link. */
export async function resetPassword(
  _state: CredentialsState,
  form: FormData,
): Promise<CredentialsState> {
  const body = { token: text(form, 'token'), new_password: text(form, 'new_password') };
  const outcome = await submit('resetPassword', '/reset-password', body);
  if (!outcome.ok) return { problem: outcome.problem };
  // Every session of the account ended, this browser's too.
  await forgetSessionCookie();
  redirect('/sign-in?password=reset');
}

/** Server Action of the verification page: verifies the address and signs its account in. */
export async function verifyEmail(
  _state: CredentialsState,
  form: FormData,
): Promise<CredentialsState> {
  const outcome = await submit('verifyEmail', '/verify-email', { token: text(form, 'token') });
  if (!outcome.ok) return { problem: outcome.problem };
  await relaySessionCookies(outcome.setCookies);
  redirect('/history');
}

/** Server Action of the header's sign-out button: ends the session at the API and here. */
export async function signOut(): Promise<void> {
  const context = callContext('/', await headers());
  if (context.session) await callApi('signOut', {}, context);
  await forgetSessionCookie();
  redirect('/');
}
