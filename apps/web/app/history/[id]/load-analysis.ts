import 'server-only';
import { endpoints } from '@textpulse/contracts';
import { admitInputs } from '@textpulse/http';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireAccount } from '@/lib/server/account';
import { callApi, callContext, unlessFailed } from '@/lib/server/api-call';

/**
 * The signed-in person's stored analysis behind /history/[id], read once per request (the page
 * and its metadata share it); anyone else is sent to sign in first. Another person's id is not
 * found, as an unknown one is. An id that is not one, or that the API does not know, is this app's 404 page; an
 * API that fails makes it a 500.
 */
export const loadAnalysis = cache(async (id: string) => {
  await requireAccount(`/history/${encodeURIComponent(id)}`);
  const request = admitInputs(endpoints.getAnalysis, { params: { id } });
  if (!request.ok) notFound();
  const context = callContext(`/history/${id}`, await headers());
  const outcome = await callApi('getAnalysis', request.inputs, context);
  if (!outcome.ok && outcome.problem.type === '/problems/not-found') notFound();
  return unlessFailed(outcome);
});
