import { type FieldError, fromJsonPointer, Problem } from '@textpulse/contracts/problem';
import type { z } from 'zod';

export type Submission<T> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors: FieldError[] };

type Failure = Extract<Submission<never>, { ok: false }>;

/** POSTs `body` as JSON to this web app's own route handler: its answer, or the network failure. */
async function post(url: string, body: unknown): Promise<Response | Failure> {
  try {
    return await fetch(url, {
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
}

const unexpected = (response: Response): Failure => ({
  ok: false,
  message: `Unexpected answer from the server (HTTP ${response.status}).`,
  fieldErrors: [],
});

/** An error answer read with the contract: its problem, whose errors[] go back on the fields. */
async function failureOf(response: Response): Promise<Failure> {
  const problem = Problem.safeParse(await response.json().catch(() => undefined));
  if (!problem.success) return unexpected(response);
  const { title, detail, errors = [] } = problem.data;
  return { ok: false, message: detail ?? title, fieldErrors: errors };
}

/**
 * POSTs JSON to this web app's own route handler and reads the answer with the contract: the
 * success schema, or the problem+json body whose errors[] the form puts back on its fields.
 */
export async function submitJson<S extends z.ZodType>(
  url: string,
  body: unknown,
  success: S,
): Promise<Submission<z.output<S>>> {
  const response = await post(url, body);
  if (!(response instanceof Response)) return response;
  if (!response.ok) return failureOf(response);
  const parsed = success.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? { ok: true, data: parsed.data } : unexpected(response);
}

/**
 * POSTs JSON that creates something and gives where this web app shows it: the Location of the
 * 201, a path of this origin (its body is not read). A failure is read as submitJson reads it.
 */
export async function submitCreation(url: string, body: unknown): Promise<Submission<string>> {
  const response = await post(url, body);
  if (!(response instanceof Response)) return response;
  if (!response.ok) return failureOf(response);
  const location = response.headers.get('location') ?? '';
  const ownPath = location.startsWith('/') && !location.startsWith('//');
  return response.status === 201 && ownPath ? { ok: true, data: location } : unexpected(response);
}

/** The form field a problem error belongs to: the first segment of its JSON Pointer. */
export const fieldOf = (error: FieldError) => fromJsonPointer(error.path)[0];
