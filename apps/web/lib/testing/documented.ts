import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  cataloguedProblem,
  type EndpointName,
  endpoints,
  type ProblemName,
  toJsonPointer,
} from '@textpulse/contracts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

interface Document {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
  >;
}

const document = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@textpulse/contracts/openapi.json'), 'utf8'),
) as Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

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
  const status = String(response.status);
  const body: unknown = await response.clone().json();
  const problemName = response.ok ? undefined : cataloguedProblem(body);
  if (!response.ok) expect(problemName, `in the catalog: ${JSON.stringify(body)}`).toBeDefined();
  const ownProblem = problemName !== undefined && OWN_PROBLEMS.includes(problemName);
  const [mediaType] = Object.keys(document.paths[path]?.[method]?.responses[status]?.content ?? {});
  const [expectedType, schema] =
    mediaType && !ownProblem
      ? [
          mediaType,
          `openapi.json#${toJsonPointer(['paths', path, method, 'responses', status, 'content', mediaType, 'schema'])}`,
        ]
      : ['application/problem+json', 'openapi.json#/components/schemas/Problem'];
  expect(response.headers.get('content-type')?.split(';')[0]).toBe(expectedType);
  const validate = ajv.getSchema(schema) ?? ajv.compile({ $ref: schema });
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  return body;
}
