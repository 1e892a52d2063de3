import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type EndpointName, endpoints } from '@textpulse/contracts';
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

const pointer = (...segments: string[]) =>
  segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** Statuses the web tier answers on its own when the API fails it: unreachable, slow, garbage. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * Asserts that a web route handler's answer is what the API document declares for the operation
 * the handler serves: its status, content type and body schema. What the web tier answers on its
 * own is not in the API's document — a 405, or a gateway problem (502/503/504 of type
 * about:blank) when the API is down, slow or breaks its contract — and must be problem+json that
 * the Problem schema accepts. Returns the parsed body.
 */
export async function expectDocumentedAnswer(
  response: Response,
  operation: EndpointName,
): Promise<unknown> {
  const { method, path } = endpoints[operation];
  const status = String(response.status);
  const body: unknown = await response.clone().json();
  const ownProblem =
    GATEWAY_STATUSES.has(response.status) && (body as { type?: unknown }).type === 'about:blank';
  const [mediaType] = Object.keys(document.paths[path]?.[method]?.responses[status]?.content ?? {});
  const [expectedType, schema] =
    mediaType && !ownProblem
      ? [
          mediaType,
          `openapi.json#/${pointer('paths', path, method, 'responses', status, 'content', mediaType, 'schema')}`,
        ]
      : ['application/problem+json', 'openapi.json#/components/schemas/Problem'];
  expect(response.headers.get('content-type')?.split(';')[0]).toBe(expectedType);
  const validate = ajv.getSchema(schema) ?? ajv.compile({ $ref: schema });
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  return body;
}
