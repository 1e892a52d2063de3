import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { toJsonPointer } from '@textpulse/contracts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** A response as openapi.json declares it: a body per media type, or none. */
export interface DeclaredResponse {
  content?: Record<string, { schema: object }>;
}

/** The parts of openapi.json the checks read. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, DeclaredResponse> }>>;
  components: { schemas: Record<string, object> };
}

/** The committed OpenAPI document (`@textpulse/openapi/openapi.json`), as the API serves it. */
export const document = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@textpulse/openapi/openapi.json'), 'utf8'),
) as OpenApiDocument;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

/** The response `method path` declares for `status`, if it declares one. */
export const declaredResponse = (
  method: string,
  path: string,
  status: number,
): DeclaredResponse | undefined => document.paths[path]?.[method]?.responses[String(status)];

/** The reference of the schema of that response's body in `mediaType`. */
export const responseSchema = (method: string, path: string, status: number, mediaType: string) =>
  `openapi.json#${toJsonPointer(['paths', path, method, 'responses', String(status), 'content', mediaType, 'schema'])}`;

/** The reference of a component schema, such as Problem. */
export const componentSchema = (name: string) => `openapi.json#/components/schemas/${name}`;

/** How `body` breaks the schema at `ref` (a reference into openapi.json): empty when it does not. */
export function violations(body: unknown, ref: string): string[] {
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
}
