'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  PROMPT_LIMITS,
  PromptRequest,
  type PromptRequestInput,
  PromptResponse,
} from '@textpulse/contracts/prompt';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyFailure, fieldsOf } from '../../../lib/apply-failure';
import { submitJson } from '../../../lib/submit-json';
import { Field } from '../../_components/field';
import { FormActions, submitOnCtrlEnter } from '../../_components/form-actions';
import { PromptResult } from './prompt-result';

const optionalNumber = (value: unknown) =>
  value === '' || value === undefined || value === null ? undefined : Number(value);

const optionalList = (value: unknown) => {
  if (Array.isArray(value)) return value;
  const items = String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
};

export function PromptForm() {
  const [answer, setAnswer] = useState<PromptResponse>();
  const form = useForm<PromptRequestInput, unknown, PromptRequest>({
    resolver: zodResolver(PromptRequest),
    defaultValues: { prompt: '' },
    mode: 'onTouched',
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setAnswer(undefined);
    const submission = await submitJson('/api/prompt', values, PromptResponse);
    if (submission.ok) setAnswer(submission.data);
    else applyFailure(form.setError, submission, fieldsOf(PromptRequest));
  });

  return (
    <div className="workbench">
      <form className="card form" onSubmit={onSubmit} noValidate aria-label="Ask the model chain">
        <Field
          id="prompt"
          label="Prompt"
          error={errors.prompt?.message}
          hint={`${PROMPT_LIMITS.min}–${PROMPT_LIMITS.max} characters · Ctrl+Enter to send`}
        >
          {(aria) => (
            <textarea
              id="prompt"
              rows={6}
              placeholder="Summarize: the new release is fast, but the docs are thin."
              {...aria}
              {...form.register('prompt')}
              onKeyDown={submitOnCtrlEnter(onSubmit)}
            />
          )}
        </Field>
        <details className="advanced">
          <summary>Options</summary>
          <Field
            id="models"
            label="Models"
            error={
              errors.models?.message ??
              errors.models?.root?.message ??
              firstItemError(errors.models)
            }
            hint={`Overrides the server's chain: up to ${PROMPT_LIMITS.maxModels}, comma-separated, e.g. openai:llama3.2, local`}
          >
            {(aria) => (
              <input
                id="models"
                type="text"
                {...aria}
                {...form.register('models', { setValueAs: optionalList })}
              />
            )}
          </Field>
          <div className="row">
            <Field
              id="max_tokens"
              label="Max tokens"
              error={errors.max_tokens?.message}
              hint={`1–${PROMPT_LIMITS.maxTokens}`}
            >
              {(aria) => (
                <input
                  id="max_tokens"
                  type="number"
                  inputMode="numeric"
                  {...aria}
                  {...form.register('max_tokens', { setValueAs: optionalNumber })}
                />
              )}
            </Field>
            <Field
              id="temperature"
              label="Temperature"
              error={errors.temperature?.message}
              hint="0–2"
            >
              {(aria) => (
                <input
                  id="temperature"
                  type="number"
                  step="0.1"
                  inputMode="decimal"
                  {...aria}
                  {...form.register('temperature', { setValueAs: optionalNumber })}
                />
              )}
            </Field>
          </div>
        </details>
        <FormActions
          error={errors.root?.server?.message}
          submitting={isSubmitting}
          label="Send"
          busyLabel="Asking the chain…"
        />
      </form>
      <section className="card result" aria-live="polite" aria-label="Answer">
        {answer ? (
          <PromptResult answer={answer} />
        ) : (
          <p className="muted">
            The answer, the model that gave it and every attempt of the chain appear here.
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
