import {
  cataloguedProblem,
  type EndpointName,
  endpoints,
  type ProblemName,
} from '@textpulse/contracts';
import {
  componentSchema,
  declaredResponse,
  responseSchema,
  violations,
} from '@textpulse/document-check';
import { expect } from 'vitest';

/** The problems the web tier answers on its own, which the API's document does not declare. */
const OWN_PROBLEMS: readonly ProblemName[] = [
  'method-not-allowed',
  'api-bad-answer',
  'api-unreachable',
  'api-timeout',
];

/**
 * Asserts that a web route handler's answer is what the API document declares for the operation
 * the handler serves: its status, content type and body schema. What the web tier answers on its
 * own is not in the API's document — a 405, or a gateway problem (502/503/504) when the API is
 * down, slow or breaks its contract — and must be problem+json that the Problem schema accepts.
 * Every problem, either way, is one of the contract's catalog. Returns the parsed body.
 */
export async function expectDocumentedAnswer(
  response: Response,
  operation: EndpointName,
): Promise<unknown> {
  const { method, path } = endpoints[operation];
  const body: unknown = await response.clone().json();
  const problemName = response.ok ? undefined : cataloguedProblem(body);
  if (!response.ok) expect(problemName, `in the catalog: ${JSON.stringify(body)}`).toBeDefined();
  const ownProblem = problemName !== undefined && OWN_PROBLEMS.includes(problemName);
  const declared = declaredResponse(method, path, response.status);
  const [mediaType] = Object.keys(declared?.content ?? {});
  const [expectedType, schema] =
    mediaType && !ownProblem
      ? [mediaType, responseSchema(method, path, response.status, mediaType)]
      : ['application/problem+json', componentSchema('Problem')];
  expect(response.headers.get('content-type')?.split(';')[0]).toBe(expectedType);
  expect(violations(body, schema)).toEqual([]);
  return body;
}
