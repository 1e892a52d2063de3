'use server';
import { type CreatedApiKey, endpoints, type Problem } from '@textpulse/contracts';
import { admitInputs } from '@textpulse/http';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signInHref } from '@/lib/server/account';
import { callApi, callContext } from '@/lib/server/api-call';
import { forgetSessionCookie } from '@/lib/server/session-cookie';

const instance = '/account';

/** What the key form shows: the key just made (this once), or why none was. */
export interface CreateKeyState {
  created?: CreatedApiKey;
  problem?: Problem;
}

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** Server Action: makes an API key for the signed-in person; the answer shows it once. */
export async function createKey(_state: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const days = text(form, 'expires_in_days');
  const body = { name: text(form, 'name'), ...(days ? { expires_in_days: Number(days) } : {}) };
  const request = admitInputs(endpoints.createApiKey, { body }, instance);
  if (!request.ok) return { problem: request.problem };
  const context = callContext(instance, await headers());
  const outcome = await callApi('createApiKey', request.inputs, context);
  if (!outcome.ok && outcome.problem.type === '/problems/unauthorized')
    redirect(signInHref(instance));
  if (!outcome.ok) return { problem: outcome.problem };
  revalidatePath(instance);
  return { created: outcome.data };
}

/** Server Action: revokes one of the signed-in person's keys, then shows the page again. */
export async function revokeKey(form: FormData): Promise<void> {
  const request = admitInputs(endpoints.revokeApiKey, { params: { id: text(form, 'id') } });
  if (request.ok) {
    const context = callContext(instance, await headers());
    const outcome = await callApi('revokeApiKey', request.inputs, context);
    if (!outcome.ok && outcome.problem.type === '/problems/unauthorized')
      redirect(signInHref(instance));
  }
  revalidatePath(instance);
  redirect(instance);
}

/** What the deletion form shows after a refusal. */
export interface DeleteAccountState {
  problem?: Problem;
}

/**
 * Server Action: deletes the account (its password confirms it) with everything it owns, and
 * signs out here.
 */
export async function deleteAccount(
  _state: DeleteAccountState,
  form: FormData,
): Promise<DeleteAccountState> {
  const request = admitInputs(
    endpoints.deleteAccount,
    { body: { password: text(form, 'password') } },
    instance,
  );
  if (!request.ok) return { problem: request.problem };
  const context = callContext(instance, await headers());
  const outcome = await callApi('deleteAccount', request.inputs, context);
  if (!outcome.ok && outcome.problem.type === '/problems/unauthorized')
    redirect(signInHref(instance));
  if (!outcome.ok) return { problem: outcome.problem };
  await forgetSessionCookie();
  redirect('/');
}
