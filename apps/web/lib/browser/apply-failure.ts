import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { fieldOf, type Submission } from './submit-json';

/** The fields of a form whose values are `schema`'s: its keys, never listed by hand. */
export const fieldsOf = <S extends z.ZodObject>(schema: S) =>
  Object.keys(schema.shape) as (keyof S['shape'] & string)[];

/**
 * Puts a failed submission back on the form: each problem error on the field its JSON Pointer
 * names (the first one focused), anything else on the form as a whole.
 */
export function applyFailure<T extends FieldValues>(
  setError: UseFormSetError<T>,
  failure: Extract<Submission<unknown>, { ok: false }>,
  fields: readonly Path<T>[],
): void {
  let placedAny = false;
  const unplaced: string[] = [];
  for (const error of failure.fieldErrors) {
    const field = fields.find((name) => name === fieldOf(error));
    if (field === undefined) {
      unplaced.push(`${error.path}: ${error.message}`);
      continue;
    }
    setError(field, { type: 'server', message: error.message }, { shouldFocus: !placedAny });
    placedAny = true;
  }
  if (!placedAny || unplaced.length > 0) {
    setError('root.server', { type: 'server', message: [failure.message, ...unplaced].join(' ') });
  }
}
