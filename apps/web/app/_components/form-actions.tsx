import type { KeyboardEvent, ReactNode } from 'react';

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
  /** More buttons, after the submit button (such as Stop). */
  children?: ReactNode;
}

/** The form-level error, if any, and the submit button. */
export function FormActions({ error, submitting, label, busyLabel, children }: FormActionsProps) {
  return (
    <>
      {error ? (
        <p className="form__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form__buttons">
        <button className="button" type="submit" disabled={submitting}>
          {submitting ? busyLabel : label}
        </button>
        {children}
      </div>
    </>
  );
}
