'use client';
import { useActionState } from 'react';
import { Field } from '@/app/_components/field';
import { FormActions } from '@/app/_components/form-actions';
import { type DeleteAccountState, deleteAccount } from '../actions';

/** Deletes the account with its analyses and keys, once its password confirms it. */
export function DeleteAccountForm() {
  const [state, formAction, pending] = useActionState<DeleteAccountState, FormData>(
    deleteAccount,
    {},
  );
  const fieldError = state.problem?.errors?.find((error) => error.path === '/password')?.message;
  const formError =
    state.problem && !state.problem.errors?.length ? state.problem.detail : undefined;
  return (
    <form className="card form" action={formAction} aria-label="Delete the account">
      <h2>Delete the account</h2>
      <p>Your analyses and API keys are deleted with it. This cannot be undone.</p>
      <Field id="delete-password" label="Password" error={fieldError}>
        {(aria) => (
          <input
            id="delete-password"
            name="password"
            type="password"
            autoComplete="current-password"
            {...aria}
          />
        )}
      </Field>
      <FormActions
        error={formError}
        submitting={pending}
        label="Delete my account"
        busyLabel="Deleting…"
      />
    </form>
  );
}
