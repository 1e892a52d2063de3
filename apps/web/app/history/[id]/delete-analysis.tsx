'use client';
import { useActionState } from 'react';
import type { DeleteState } from './actions';

interface DeleteAnalysisProps {
  /** The Server Action, bound to the analysis. */
  action: (state: DeleteState) => Promise<DeleteState>;
}

/** Deletion behind a confirmation that needs no JavaScript: a disclosure, then the form. */
export function DeleteAnalysis({ action }: DeleteAnalysisProps) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <details className="card danger">
      <summary>Delete this analysis…</summary>
      <form action={formAction} className="stack">
        <p>It is deleted for good; nothing can bring it back.</p>
        {state.error ? (
          <p className="form__error" role="alert">
            {state.error}
          </p>
        ) : null}
        <button className="button button--danger" type="submit" disabled={pending}>
          {pending ? 'Deleting…' : 'Yes, delete it'}
        </button>
      </form>
    </details>
  );
}
