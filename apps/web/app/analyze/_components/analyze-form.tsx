'use client';
import type {
  AnalyzeRequest,
  AnalyzeRequestInput,
  AnalyzeResponse,
} from '@textpulse/contracts/analyze';
import { ANALYZE_TEXT_LIMITS } from '@textpulse/contracts/limits';
import Link from 'next/link';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Field } from '@/app/_components/field';
import { FormActions, submitOnCtrlEnter } from '@/app/_components/form-actions';
import { onDemand, resolverOnDemand } from '@/lib/browser/on-demand';
import { AnalyzeResult } from './analyze-result';

const contract = onDemand(() => import('./analyze-contract'));

/**
 * The analyze form: validated with the contract's schema, loaded as soon as the form is used. A
 * signed-in person can save the result to their history; anyone else is offered to sign in.
 */
export function AnalyzeForm({ signedIn }: { signedIn: boolean }) {
  const [result, setResult] = useState<{ request: AnalyzeRequest; analysis: AnalyzeResponse }>();
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string>();
  const form = useForm<AnalyzeRequestInput, unknown, AnalyzeRequest>({
    resolver: resolverOnDemand(contract),
    defaultValues: { text: '', extract_entities: true },
    mode: 'onTouched',
  });
  const { errors, isSubmitting } = form.formState;
  // Characters as the contract counts them: code points, so an emoji is one.
  const length = [...useWatch({ control: form.control, name: 'text' })].length;

  const onSubmit = form.handleSubmit(async (values) => {
    const analysis = await (await contract.get()).analyze(values, form.setError);
    setSavedAt(undefined);
    if (analysis) setResult({ request: values, analysis });
  });

  // Stores what was analyzed: the web tier and the API check it against the contract again.
  const save = async () => {
    if (!result) return;
    setSaving(true);
    const location = await (await contract.get()).save(result.request, form.setError);
    setSaving(false);
    setSavedAt(location);
  };

  return (
    <div className="workbench">
      <form
        className="card form"
        onSubmit={onSubmit}
        onFocus={contract.preload}
        noValidate
        aria-label="Analyze a text"
      >
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
          <>
            <AnalyzeResult text={result.request.text} analysis={result.analysis} />
            <div className="actions">
              {!signedIn ? (
                <Link href="/sign-in?next=%2Fanalyze" data-testid="sign-in-to-save">
                  Sign in to save it to your history
                </Link>
              ) : savedAt ? (
                <Link href={savedAt} data-testid="saved-link">
                  Saved · open it in the history
                </Link>
              ) : (
                <button
                  className="button button--ghost"
                  type="button"
                  onClick={save}
                  disabled={saving}
                >
                  {saving ? 'Saving…' : 'Save to history'}
                </button>
              )}
            </div>
          </>
        ) : (
          <p className="muted">The sentiment, word count and entities of your text appear here.</p>
        )}
      </section>
    </div>
  );
}
