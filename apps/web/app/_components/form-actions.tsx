import type { KeyboardEvent } from 'react';

/** A keydown handler that submits the form on Ctrl+Enter (Cmd+Enter on macOS), from a textarea. */
export const submitOnCtrlEnter = (submit: () => Promise<void>) => (event: KeyboardEvent) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    void submit();
  }
};

interface FormActionsProps {
  /** A failure that belongs to no field (the API is down, an unexpected answer). */
  error: string | undefined;
  submitting: boolean;
  label: string;
  busyLabel: string;
}

/** The form-level error, if any, and the submit button. */
export function FormActions({ error, submitting, label, busyLabel }: FormActionsProps) {
  return (
    <>
      {error ? (
        <p className="form__error" role="alert">
          {error}
        </p>
      ) : null}
      <button className="button" type="submit" disabled={submitting}>
        {submitting ? busyLabel : label}
      </button>
    </>
  );
}
