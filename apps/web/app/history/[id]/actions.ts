'use server';
import { endpoints } from '@textpulse/contracts';
import { admitInputs } from '@textpulse/http';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signInHref } from '@/lib/server/account';
import { callApi, callContext } from '@/lib/server/api-call';

/** What the delete form shows after a failed attempt. */
export interface DeleteState {
  error?: string;
}

/**
 * Server Action: deletes the stored analysis `id` through the API and returns to the history.
 * One already gone counts as deleted; any other failure is told in the form.
 */
export async function deleteAnalysis(id: string, _state: DeleteState): Promise<DeleteState> {
  const request = admitInputs(endpoints.deleteAnalysis, { params: { id } });
  if (!request.ok) return { error: 'This is not the id of a stored analysis.' };
  const context = callContext(`/history/${id}`, await headers());
  const outcome = await callApi('deleteAnalysis', request.inputs, context);
  if (!outcome.ok && outcome.problem.type === '/problems/unauthorized')
    redirect(signInHref(`/history/${id}`));
  if (!outcome.ok && outcome.problem.type !== '/problems/not-found') {
    return { error: outcome.problem.detail ?? outcome.problem.title };
  }
  redirect('/history');
}
