import type { FieldError } from '@textpulse/contracts/problem';
import type { UseFormSetError } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { applyFailure, fieldsOf } from './apply-failure';

type Values = { text: string; language: string };
const FIELDS = ['text', 'language'] as const;

const error = (path: string, message: string): FieldError => ({
  path,
  code: 'custom',
  message,
});

/** The calls applyFailure makes for a failed submission with `message` and `fieldErrors`. */
function apply(message: string, fieldErrors: FieldError[]) {
  const setError = vi.fn<UseFormSetError<Values>>();
  applyFailure<Values>(setError, { ok: false, message, fieldErrors }, FIELDS);
  return setError.mock.calls;
}

describe('applyFailure', () => {
  it('puts each error on the field its pointer names, focusing the first, and nothing on the form', () => {
    expect(
      apply('The request body has 2 invalid fields.', [
        error('/text', 'Enter at least 10 characters.'),
        error('/language', 'Choose a language.'),
      ]),
    ).toEqual([
      ['text', { type: 'server', message: 'Enter at least 10 characters.' }, { shouldFocus: true }],
      ['language', { type: 'server', message: 'Choose a language.' }, { shouldFocus: false }],
    ]);
  });

  it('places an error on a field by the first segment of its pointer', () => {
    expect(apply('Invalid.', [error('/text/0', 'Not a letter.')])).toEqual([
      ['text', { type: 'server', message: 'Not a letter.' }, { shouldFocus: true }],
    ]);
  });

  it('puts errors no field owns on the form, after its message, and still places the others', () => {
    expect(
      apply('The request body has 3 invalid fields.', [
        error('/mood', 'Unrecognized key: "mood"'),
        error('/text', 'Enter at least 10 characters.'),
        error('', 'Expected an object.'),
      ]),
    ).toEqual([
      ['text', { type: 'server', message: 'Enter at least 10 characters.' }, { shouldFocus: true }],
      [
        'root.server',
        {
          type: 'server',
          message:
            'The request body has 3 invalid fields. /mood: Unrecognized key: "mood" : Expected an object.',
        },
      ],
    ]);
  });

  it('puts the message on the form when no error names a field', () => {
    expect(apply('The network failed. Check your connection and try again.', [])).toEqual([
      [
        'root.server',
        { type: 'server', message: 'The network failed. Check your connection and try again.' },
      ],
    ]);
  });
});

describe('fieldsOf', () => {
  it("is the schema's keys, in order", () => {
    expect(fieldsOf(z.object({ text: z.string(), language: z.string() }))).toEqual([
      'text',
      'language',
    ]);
  });
});
