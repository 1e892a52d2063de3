'use client';
import { ACCOUNT_LIMITS } from '@textpulse/contracts/limits';
import { useActionState } from 'react';
import { Field } from '@/app/_components/field';
import { FormActions } from '@/app/_components/form-actions';
import type { CredentialsState } from './actions';

type FieldName = 'name' | 'email' | 'password';

const fields: Record<FieldName, { label: string; type: string; autoComplete: string }> = {
  name: { label: 'Name', type: 'text', autoComplete: 'name' },
  email: { label: 'Email', type: 'email', autoComplete: 'email' },
  password: { label: 'Password', type: 'password', autoComplete: 'current-password' },
};

interface CredentialsFormProps {
  /** The Server Action that signs in or up. */
  action: (state: CredentialsState, form: FormData) => Promise<CredentialsState>;
  label: string;
  busyLabel: string;
  /** The fields, in order. */
  names: readonly FieldName[];
  /** Where to go once signed in (checked again on the server). */
  next: string;
  /** Whether the password is a new one: its rules are shown and browsers offer to make one. */
  newPassword?: boolean;
}

/**
 * A sign-in or sign-up form: posted to its Server Action, so it works without JavaScript; the
 * contract's schema judges it there, and its problems land on the fields they point at.
 */
export function CredentialsForm({
  action,
  label,
  busyLabel,
  names,
  next,
  newPassword = false,
}: CredentialsFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const errorAt = (name: FieldName) =>
    state.problem?.errors?.find((error) => error.path === `/${name}`)?.message;
  const fieldless = state.problem && !state.problem.errors?.length;
  return (
    <form className="card form" action={formAction} aria-label={label}>
      <input type="hidden" name="next" value={next} />
      {names.map((name) => (
        <Field
          key={name}
          id={name}
          label={fields[name].label}
          error={errorAt(name)}
          hint={
            name === 'password' && newPassword
              ? `${ACCOUNT_LIMITS.passwordMin}–${ACCOUNT_LIMITS.passwordMax} characters; a few words make a good one.`
              : undefined
          }
        >
          {(aria) => (
            <input
              id={name}
              name={name}
              type={fields[name].type}
              autoComplete={
                name === 'password' && newPassword ? 'new-password' : fields[name].autoComplete
              }
              defaultValue={name === 'password' ? undefined : state.values?.[name]}
              {...aria}
            />
          )}
        </Field>
      ))}
      <FormActions
        error={fieldless ? (state.problem?.detail ?? state.problem?.title) : undefined}
        submitting={pending}
        label={label}
        busyLabel={busyLabel}
      />
    </form>
  );
}
