'use client';
import { fromJsonPointer } from '@textpulse/contracts/json-pointer';
import { PROMPT_LIMITS } from '@textpulse/contracts/limits';
import type { PromptRequest, PromptRequestInput } from '@textpulse/contracts/prompt';
import { useActionState, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Field } from '@/app/_components/field';
import { FormActions, submitOnCtrlEnter } from '@/app/_components/form-actions';
import { onDemand, resolverOnDemand } from '@/lib/browser/on-demand';
import { type AskState, askChain } from '../actions';
import { type AnswerView, startedView, viewOfResponse, withEvent } from './answer-view';
import { PromptAnswer } from './prompt-answer';
import { optionalList, optionalNumber } from './prompt-fields';

const contract = onDemand(() => import('./prompt-contract'));

const BREAK_MESSAGES = {
  stopped: 'Stopped: the models were told to stop.',
  unreadable: 'The server sent an answer this page cannot read. Try again.',
  network: 'The network failed. Check your connection and try again.',
} as const;

/**
 * The prompt form. With JavaScript it streams the answer through /api/prompt/stream, showing the
 * model answering and the trail as they change, with a Stop button that ends the request all
 * the way to the model; without it, the form posts to a Server Action that asks /v1/prompt and
 * the page shows the whole answer.
 */
export function PromptForm() {
  const [state, formAction] = useActionState<AskState, FormData>(askChain, {});
  const [view, setView] = useState<AnswerView>();
  const running = useRef<AbortController>(undefined);
  const form = useForm<PromptRequestInput, unknown, PromptRequest>({
    resolver: resolverOnDemand(contract),
    defaultValues: { prompt: '' },
    mode: 'onTouched',
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const controller = new AbortController();
    running.current = controller;
    let current = startedView();
    setView(current);
    const { streamAnswer } = await contract.get();
    const ended = await streamAnswer(
      values,
      controller.signal,
      (event) => {
        current = withEvent(current, event);
        setView(current);
      },
      form.setError,
    );
    running.current = undefined;
    if (ended === 'refused') setView(undefined);
    else if (ended === 'stopped')
      setView({ ...current, status: 'stopped', message: BREAK_MESSAGES.stopped });
    else if (ended) setView({ ...current, status: 'failed', message: BREAK_MESSAGES[ended] });
  });

  // Without JavaScript, the Server Action's answer or problem is all there is to show.
  const shown = view ?? (state.answer ? viewOfResponse(state.answer) : undefined);
  const serverError = (field: string) =>
    state.problem?.errors?.find((error) => fromJsonPointer(error.path)[0] === field)?.message;
  const formError =
    errors.root?.server?.message ??
    (state.problem && !state.problem.errors
      ? (state.problem.detail ?? state.problem.title)
      : undefined);

  return (
    <div className="workbench">
      <form
        className="card form"
        action={formAction}
        onSubmit={onSubmit}
        onFocus={contract.preload}
        noValidate
        aria-label="Ask the model chain"
      >
        <Field
          id="prompt"
          label="Prompt"
          error={errors.prompt?.message ?? serverError('prompt')}
          hint={`${PROMPT_LIMITS.min}–${PROMPT_LIMITS.max} characters · Ctrl+Enter to send`}
        >
          {(aria) => (
            <textarea
              id="prompt"
              rows={6}
              placeholder="Summarize: the new release is fast, but the docs are thin."
              defaultValue={state.values?.prompt}
              {...aria}
              {...form.register('prompt')}
              onKeyDown={submitOnCtrlEnter(onSubmit)}
            />
          )}
        </Field>
        <details className="advanced" open={Boolean(state.values?.models) || undefined}>
          <summary>Options</summary>
          <Field
            id="models"
            label="Models"
            error={
              errors.models?.message ??
              errors.models?.root?.message ??
              firstItemError(errors.models) ??
              serverError('models')
            }
            hint={`Overrides the server's chain: up to ${PROMPT_LIMITS.maxModels}, comma-separated, e.g. openai:llama3.2, local`}
          >
            {(aria) => (
              <input
                id="models"
                type="text"
                defaultValue={state.values?.models}
                {...aria}
                {...form.register('models', { setValueAs: optionalList })}
              />
            )}
          </Field>
          <div className="row">
            <Field
              id="max_tokens"
              label="Max tokens"
              error={errors.max_tokens?.message ?? serverError('max_tokens')}
              hint={`1–${PROMPT_LIMITS.maxTokens}`}
            >
              {(aria) => (
                <input
                  id="max_tokens"
                  type="number"
                  inputMode="numeric"
                  defaultValue={state.values?.max_tokens}
                  {...aria}
                  {...form.register('max_tokens', { setValueAs: optionalNumber })}
                />
              )}
            </Field>
            <Field
              id="temperature"
              label="Temperature"
              error={errors.temperature?.message ?? serverError('temperature')}
              hint="0–2"
            >
              {(aria) => (
                <input
                  id="temperature"
                  type="number"
                  step="0.1"
                  inputMode="decimal"
                  defaultValue={state.values?.temperature}
                  {...aria}
                  {...form.register('temperature', { setValueAs: optionalNumber })}
                />
              )}
            </Field>
          </div>
        </details>
        <FormActions
          error={formError}
          submitting={isSubmitting}
          label="Send"
          busyLabel="Answering…"
        >
          {view?.status === 'streaming' ? (
            <button
              className="button button--ghost"
              type="button"
              onClick={() => running.current?.abort()}
            >
              Stop
            </button>
          ) : null}
        </FormActions>
      </form>
      <section className="card result" aria-live="polite" aria-label="Answer">
        {shown ? (
          <PromptAnswer view={shown} />
        ) : (
          <p className="muted">
            The answer appears here as it is written, with the model giving it and every attempt of
            the chain.
          </p>
        )}
      </section>
    </div>
  );
}

function firstItemError(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  const first = errors.find(
    (error): error is { message: string } => typeof error?.message === 'string',
  );
  return first?.message;
}
