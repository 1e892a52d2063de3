'use client';
import { ACCOUNT_LIMITS } from '@textpulse/contracts/limits';
import { useActionState } from 'react';
import { Field } from '@/app/_components/field';
import { FormActions } from '@/app/_components/form-actions';
import type { CredentialsState } from './actions';

type FieldName = 'name' | 'email' | 'password' | 'new_password';

const fields: Record<FieldName, { label: string; type: string; autoComplete: string }> = {
  name: { label: 'Name', type: 'text', autoComplete: 'name' },
  email: { label: 'Email', type: 'email', autoComplete: 'email' },
  password: { label: 'Password', type: 'password', autoComplete: 'current-password' },
  new_password: { label: 'New password', type: 'password', autoComplete: 'new-password' },
};

const passwordRules = `${ACCOUNT_LIMITS.passwordMin}–${ACCOUNT_LIMITS.passwordMax} characters; a few words make a good one.`;

interface CredentialsFormProps {
  /** The Server Action that signs in or up, or asks for or uses a mailed link. */
  action: (state: CredentialsState, form: FormData) => Promise<CredentialsState>;
  label: string;
  busyLabel: string;
  /** The fields, in order. */
  names: readonly FieldName[];
  /** Sent along unseen: where to go once signed in (`next`, checked again on the server), a token. */
  hidden?: Readonly<Record<string, string>>;
  /** Whether the password is a new one: its rules are shown and browsers offer to make one. */
  newPassword?: boolean;
}

/**
 * A form of the account pages (sign in, sign up, forgotten password, reset): posted to its Server
 * Action, so it works without JavaScript; the contract's schema judges it there, its problems
 * land on the fields they point at, and what happens next shows as a notice.
 */
export function CredentialsForm({
  action,
  label,
  busyLabel,
  names,
  hidden = {},
  newPassword = false,
}: CredentialsFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const errorAt = (name: FieldName) =>
    state.problem?.errors?.find((error) => error.path === `/${name}`)?.message;
  const fieldless = state.problem && !state.problem.errors?.length;
  return (
    <form className="card form" action={formAction} aria-label={label}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {names.map((name) => (
        <Field
          key={name}
          id={name}
          label={fields[name].label}
          error={errorAt(name)}
          hint={
            name === 'new_password' || (name === 'password' && newPassword)
              ? passwordRules
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
              defaultValue={name === 'name' || name === 'email' ? state.values?.[name] : undefined}
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
      {state.notice ? (
        <p className="notice" role="status">
          {state.notice}
        </p>
      ) : null}
    </form>
  );
}
