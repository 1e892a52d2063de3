'use client';
import { ACCOUNT_LIMITS } from '@textpulse/contracts/limits';
import { useActionState } from 'react';
import { Field } from '@/app/_components/field';
import { FormActions } from '@/app/_components/form-actions';
import { type CreateKeyState, createKey } from '../actions';

/** Makes an API key and shows it this once; posted to a Server Action, so it works without JavaScript. */
export function CreateKeyForm() {
  const [state, formAction, pending] = useActionState<CreateKeyState, FormData>(createKey, {});
  const errorAt = (name: string) =>
    state.problem?.errors?.find((error) => error.path === `/${name}`)?.message;
  return (
    <form className="card form" action={formAction} aria-label="Make an API key">
      <h2>Make an API key</h2>
      <Field
        id="key-name"
        label="What it is for"
        error={errorAt('name')}
        hint={`Up to ${ACCOUNT_LIMITS.keyNameMax} characters.`}
      >
        {(aria) => <input id="key-name" name="name" type="text" {...aria} />}
      </Field>
      <Field id="key-expiry" label="Expires" error={errorAt('expires_in_days')}>
        {(aria) => (
          <select id="key-expiry" name="expires_in_days" defaultValue="30" {...aria}>
            <option value="">Never (until revoked)</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value={String(ACCOUNT_LIMITS.keyExpiryMaxDays)}>In a year</option>
          </select>
        )}
      </Field>
      <FormActions
        error={state.problem && !state.problem.errors?.length ? state.problem.detail : undefined}
        submitting={pending}
        label="Make the key"
        busyLabel="Making…"
      />
      {state.created ? (
        <div className="notice" role="status">
          <p>
            Your new key <strong>{state.created.name}</strong>. Copy it now: it is stored only
            hashed and never shown again.
          </p>
          <code data-testid="new-key">{state.created.key}</code>
        </div>
      ) : null}
    </form>
  );
}
