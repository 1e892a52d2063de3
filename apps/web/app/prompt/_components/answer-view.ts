import type { PromptResponse } from '@textpulse/contracts/prompt';
import type { PromptStreamEvent } from '@textpulse/contracts/prompt-stream';

/** One model of the chain as the page shows it: still trying, answered, or failed and why. */
export interface AttemptView {
  model: string;
  state: 'trying' | 'ok' | 'failed';
  duration_ms?: number;
  error?: string;
}

/** What the answer panel shows, whether the answer streamed in or came whole. */
export interface AnswerView {
  status: 'streaming' | 'done' | 'failed' | 'stopped';
  /** The model answering now, or the one that answered. */
  model?: string;
  output: string;
  attempts: AttemptView[];
  /** Why the answer failed or stopped. */
  message?: string;
}

export const startedView = (): AnswerView => ({ status: 'streaming', output: '', attempts: [] });

const attemptsOf = (attempts: PromptResponse['attempts']): AttemptView[] =>
  attempts.map(({ model, ok, duration_ms, error }) => ({
    model,
    state: ok ? 'ok' : 'failed',
    duration_ms,
    ...(error === undefined ? {} : { error }),
  }));

/** A whole answer of /v1/prompt (the page without JavaScript). */
export const viewOfResponse = (answer: PromptResponse): AnswerView => ({
  status: 'done',
  model: answer.model,
  output: answer.output,
  attempts: attemptsOf(answer.attempts),
});

/** The view after one more event of the stream. */
export function withEvent(view: AnswerView, event: PromptStreamEvent): AnswerView {
  switch (event.type) {
    case 'attempt':
      return {
        ...view,
        model: event.model,
        attempts: [...view.attempts, { model: event.model, state: 'trying' }],
      };
    case 'token':
      return { ...view, output: view.output + event.text };
    case 'attempt_failed':
      return {
        ...view,
        attempts: view.attempts.map((attempt, index) =>
          index === view.attempts.length - 1
            ? {
                model: event.model,
                state: 'failed',
                duration_ms: event.duration_ms,
                error: event.error,
              }
            : attempt,
        ),
      };
    case 'done':
      return { ...view, status: 'done', model: event.model, attempts: attemptsOf(event.attempts) };
    case 'error':
      return {
        ...view,
        status: 'failed',
        message: event.problem.detail ?? event.problem.title,
        ...(event.problem.attempts ? { attempts: attemptsOf(event.problem.attempts) } : {}),
      };
  }
}
