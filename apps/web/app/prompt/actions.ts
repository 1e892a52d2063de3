'use server';
import { endpoints, type Problem, type PromptResponse } from '@textpulse/contracts';
import { admitInputs } from '@textpulse/http';
import { headers } from 'next/headers';
import { callApi, callContext } from '@/lib/server/api-call';
import { rateLimitedProblem } from '@/lib/server/rate-limit';
import { bodyOf, formValuesOf, type PromptFormValues } from './_components/prompt-fields';

/** What the prompt page shows after a submission without JavaScript. */
export interface AskState {
  values?: PromptFormValues;
  answer?: PromptResponse;
  problem?: Problem;
}

const instance = '/prompt';

/**
 * Server Action behind the prompt form when the browser runs no JavaScript: the whole answer of
 * /v1/prompt, checked like the route handlers check theirs (this client's limit, the contract's
 * schema), or the problem to show on the form.
 */
export async function askChain(_state: AskState, form: FormData): Promise<AskState> {
  const requestHeaders = await headers();
  const values = formValuesOf(form);
  const limited = await rateLimitedProblem(requestHeaders, instance);
  if (limited) return { values, problem: limited.problem };
  const request = admitInputs(endpoints.prompt, { body: bodyOf(values) }, instance);
  if (!request.ok) return { values, problem: request.problem };
  const outcome = await callApi('prompt', request.inputs, callContext(instance, requestHeaders));
  return outcome.ok ? { values, answer: outcome.data } : { values, problem: outcome.problem };
}
