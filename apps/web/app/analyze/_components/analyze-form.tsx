'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  ANALYZE_TEXT_LIMITS,
  AnalyzeRequest,
  type AnalyzeRequestInput,
  AnalyzeResponse,
} from '@textpulse/contracts/analyze';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyFailure, fieldsOf } from '../../../lib/apply-failure';
import { submitJson } from '../../../lib/submit-json';
import { Field } from '../../_components/field';
import { FormActions, submitOnCtrlEnter } from '../../_components/form-actions';
import { AnalyzeResult } from './analyze-result';

export function AnalyzeForm() {
  const [result, setResult] = useState<{ text: string; analysis: AnalyzeResponse }>();
  const form = useForm<AnalyzeRequestInput, unknown, AnalyzeRequest>({
    resolver: zodResolver(AnalyzeRequest),
    defaultValues: { text: '', extract_entities: true },
    mode: 'onTouched',
  });
  const { errors, isSubmitting } = form.formState;
  // Characters as the contract counts them: code points, so an emoji is one.
  const length = [...form.watch('text')].length;

  const onSubmit = form.handleSubmit(async (values) => {
    const submission = await submitJson('/api/analyze', values, AnalyzeResponse);
    if (submission.ok) setResult({ text: values.text, analysis: submission.data });
    else applyFailure(form.setError, submission, fieldsOf(AnalyzeRequest));
  });

  return (
    <div className="workbench">
      <form className="card form" onSubmit={onSubmit} noValidate aria-label="Analyze a text">
        <Field
          id="text"
          label="Text"
          error={errors.text?.message}
          hint={
            <>
              {ANALYZE_TEXT_LIMITS.min}–{ANALYZE_TEXT_LIMITS.max} characters ·{' '}
              <span aria-live="polite">{length} typed</span> · Ctrl+Enter to analyze
            </>
          }
        >
          {(aria) => (
            <textarea
              id="text"
              rows={8}
              placeholder="Paste a review, an email, an article…"
              {...aria}
              {...form.register('text')}
              onKeyDown={submitOnCtrlEnter(onSubmit)}
            />
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" {...form.register('extract_entities')} />
          Highlight people, places and organizations
        </label>
        <FormActions
          error={errors.root?.server?.message}
          submitting={isSubmitting}
          label="Analyze"
          busyLabel="Analyzing…"
        />
      </form>
      <section className="card result" aria-live="polite" aria-label="Analysis">
        {result ? (
          <AnalyzeResult text={result.text} analysis={result.analysis} />
        ) : (
          <p className="muted">The sentiment, word count and entities of your text appear here.</p>
        )}
      </section>
    </div>
  );
}
