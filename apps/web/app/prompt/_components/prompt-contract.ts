import { zodResolver } from '@hookform/resolvers/zod';
import {
  ApiProblemError,
  readPromptEvents,
  StreamContractError,
} from '@textpulse/api-client/prompt-stream';
import { PromptRequest, type PromptRequestInput } from '@textpulse/contracts/prompt';
import type { PromptStreamEvent } from '@textpulse/contracts/prompt-stream';
import type { UseFormSetError } from 'react-hook-form';
import { applyFailure, fieldsOf } from '@/lib/browser/apply-failure';

// What the prompt form does with the contract: loaded on demand (lib/browser/on-demand.ts), so the page's
// first-load JS holds no schema, no Zod and no stream parser.

export const resolver = zodResolver(PromptRequest);

/** How a streamed answer ended, when it did not end with its own last event. */
export type StreamBreak = 'stopped' | 'refused' | 'unreadable' | 'network';

/**
 * Streams the answer to `values` through /api/prompt/stream, handing each validated event to
 * `onEvent`; a problem before the stream (422, 429…) goes back on the form as `refused`.
 */
export async function streamAnswer(
  values: PromptRequest,
  signal: AbortSignal,
  onEvent: (event: PromptStreamEvent) => void,
  setError: UseFormSetError<PromptRequestInput>,
): Promise<StreamBreak | undefined> {
  try {
    const response = await fetch('/api/prompt/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(values),
      signal,
    });
    for await (const event of readPromptEvents(response)) onEvent(event);
    return undefined;
  } catch (error) {
    if (signal.aborted) return 'stopped';
    if (error instanceof ApiProblemError) {
      const { detail, title, errors: fieldErrors = [] } = error.problem;
      const failure = { ok: false as const, message: detail ?? title, fieldErrors };
      applyFailure<PromptRequestInput>(setError, failure, fieldsOf(PromptRequest));
      return 'refused';
    }
    return error instanceof StreamContractError ? 'unreadable' : 'network';
  }
}
