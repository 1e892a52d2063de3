import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: (aria: { 'aria-invalid': boolean; 'aria-describedby': string }) => ReactNode;
}

/** A labelled form control with its hint and its error, wired for assistive technology. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className="field" data-invalid={error ? 'true' : undefined}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {/* Always rendered, so an error appearing on blur never shifts the button under the pointer. */}
      <p className="field__error" id={errorId} role="alert">
        {error}
      </p>
    </div>
  );
}
