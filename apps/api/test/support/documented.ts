import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { expect } from 'vitest';
import { openApiDocumentPath } from '../../src/docs/docs.js';

interface MediaType {
  schema: object;
}
interface OperationResponse {
  content?: Record<string, MediaType>;
}
interface Document {
  paths: Record<string, Record<string, { responses: Record<string, OperationResponse> }>>;
  components: { schemas: Record<string, object> };
}

/** The committed OpenAPI document, exactly as the API serves it. */
export const document = JSON.parse(readFileSync(openApiDocumentPath, 'utf8')) as Document;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

const pointer = (...segments: string[]) =>
  segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Asserts that `response` is one the document declares for the operation: its status is listed,
 * its content type is the declared one, and its body validates against the declared schema.
 */
export function expectDocumented(response: Response, method: string, path: string): void {
  const declared = document.paths[path]?.[method]?.responses[String(response.status)];
  expect(
    declared,
    `${method.toUpperCase()} ${path} documents status ${response.status}`,
  ).toBeDefined();
  const [mediaType] = Object.keys(declared?.content ?? {});
  expect(response.headers['content-type']?.split(';')[0]).toBe(mediaType);
  expectValid(
    JSON.parse(response.text),
    `openapi.json#/${pointer('paths', path, method, 'responses', String(response.status), 'content', mediaType ?? '', 'schema')}`,
  );
}

/** Asserts that `body` validates against the schema at `ref` (for example a component). */
export function expectValid(body: unknown, ref: string): void {
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

/** Asserts that a response is a problem+json body of the given status. */
export function expectProblem(response: Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expectValid(JSON.parse(response.text), 'openapi.json#/components/schemas/Problem');
  expect(response.text).not.toMatch(/"stack"\s*:|\\n\s+at |node_modules\/|\.(?:js|ts):\d+:\d+/);
}
