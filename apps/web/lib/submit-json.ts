import { type FieldError, fromJsonPointer, Problem } from '@textpulse/contracts/problem';
import type { z } from 'zod';

export type Submission<T> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors: FieldError[] };

/**
 * POSTs JSON to this web app's own route handler and reads the answer with the contract: the
 * success schema, or the problem+json body whose errors[] the form puts back on its fields.
 */
export async function submitJson<S extends z.ZodType>(
  url: string,
  body: unknown,
  success: S,
): Promise<Submission<z.output<S>>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return {
      ok: false,
      message: 'The network failed. Check your connection and try again.',
      fieldErrors: [],
    };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = success.safeParse(json);
    if (parsed.success) return { ok: true, data: parsed.data };
  } else {
    const problem = Problem.safeParse(json);
    if (problem.success) {
      const { title, detail, errors = [] } = problem.data;
      return { ok: false, message: detail ?? title, fieldErrors: errors };
    }
  }
  return {
    ok: false,
    message: `Unexpected answer from the server (HTTP ${response.status}).`,
    fieldErrors: [],
  };
}

/** The form field a problem error belongs to: the first segment of its JSON Pointer. */
export const fieldOf = (error: FieldError) => fromJsonPointer(error.path)[0];
