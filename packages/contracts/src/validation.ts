import { z } from 'zod';
import type { EndpointInputs, Parsed, RequestParts } from './declaration.js';
import { type FieldError, type Problem, problemFromZodError } from './problem.js';

/**
 * The validated parts of a request: what the schemas made of them (coerced, defaults applied);
 * undefined for a part the endpoint declares no schema for.
 */
export interface ValidParts<E extends EndpointInputs = EndpointInputs> {
  params: Parsed<E['params']>;
  query: Parsed<E['query']>;
  body: Parsed<E['body']>;
}

export type RequestValidation<E extends EndpointInputs = EndpointInputs> =
  | { success: true; data: ValidParts<E> }
  | { success: false; problem: Problem & { errors: FieldError[] } };

/**
 * Validates every part of a request the endpoint declares, and reports every violation at once in
 * one 422 problem. Pointers into the body are relative to it ("/text"), as forms map them onto
 * fields; path parameters and query values are under "/path" and "/query" ("/query/limit").
 */
export function validateRequest<E extends EndpointInputs>(
  endpoint: E,
  parts: RequestParts,
  instance?: string,
): RequestValidation<E> {
  const issues: z.core.$ZodIssue[] = [];
  let outsideBody = false;
  const data: Record<keyof ValidParts, unknown> = {
    params: undefined,
    query: undefined,
    body: undefined,
  };
  const check = (schema: z.ZodType | undefined, key: keyof ValidParts, at: string[]) => {
    if (!schema) return;
    const parsed = schema.safeParse(parts[key]);
    if (parsed.success) {
      data[key] = parsed.data;
      return;
    }
    issues.push(
      ...parsed.error.issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] })),
    );
    if (key !== 'body') outsideBody = true;
  };
  check(endpoint.params, 'params', ['path']);
  check(endpoint.query, 'query', ['query']);
  check(endpoint.body, 'body', []);
  if (issues.length === 0) return { success: true, data: data as ValidParts<E> };
  return {
    success: false,
    problem: problemFromZodError(new z.ZodError(issues), {
      instance,
      subject: outsideBody ? 'request' : 'request body',
    }),
  };
}
