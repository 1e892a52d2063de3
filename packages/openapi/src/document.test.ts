import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Validator } from '@seriousme/openapi-schema-validator';
import { ANALYZE_TEXT_LIMITS, endpoints } from '@textpulse/contracts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ResponseObject } from 'openapi3-ts/oas31';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, serializeOpenApiDocument } from './document.js';

const committedPath = new URL('../openapi.json', import.meta.url);
const { version } = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@textpulse/contracts/package.json'), 'utf8'),
) as { version: string };
const document = buildOpenApiDocument(version);

function componentExample<T>(name: string): T {
  const schema = document.components?.schemas?.[name];
  if (!schema || '$ref' in schema) throw new Error(`${name} is not an inline component`);
  return schema.example as T;
}

interface Sample {
  where: string;
  schema: unknown;
  value: unknown;
}

/** Every `example` in the document, paired with the schema it sits in or next to. */
function examplesOf(node: unknown, where = '#'): Sample[] {
  if (typeof node !== 'object' || node === null) return [];
  const samples: Sample[] = [];
  const record = node as Record<string, unknown>;
  if ('example' in record) {
    const isMediaType = 'schema' in record && !('type' in record);
    const { example, ...schema } = record;
    samples.push({ where, schema: isMediaType ? record.schema : schema, value: example });
  }
  for (const [key, child] of Object.entries(record)) {
    if (key !== 'example') samples.push(...examplesOf(child, `${where}/${key}`));
  }
  return samples;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(JSON.parse(serializeOpenApiDocument(document)));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('equals the committed openapi.json (run `pnpm generate` after changing a schema)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(serializeOpenApiDocument(document));
  });

  it('carries the version of @textpulse/contracts as info.version', () => {
    expect(document.info.version).toBe(version);
    expect(buildOpenApiDocument('9.8.7').info.version).toBe('9.8.7');
  });

  it('is built the same way every time', () => {
    expect(serializeOpenApiDocument(buildOpenApiDocument(version))).toBe(
      serializeOpenApiDocument(document),
    );
  });

  it('declares exactly the operations of the endpoint declarations', () => {
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item).map(
        ([method, operation]) => `${method} ${path} ${operation.operationId}`,
      ),
    );
    expect(operations.sort()).toEqual(
      Object.values(endpoints)
        .map((endpoint) => `${endpoint.method} ${endpoint.path} ${endpoint.operationId}`)
        .sort(),
    );
  });

  it('gives every operation a summary, description, tag and example responses', () => {
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const operation of Object.values(item)) {
        expect(operation.summary).toBeTruthy();
        expect(operation.description).toBeTruthy();
        expect(operation.tags).toHaveLength(1);
        const responses = Object.entries(operation.responses ?? {}) as [string, ResponseObject][];
        for (const [status, response] of responses) {
          for (const [mediaType, content] of Object.entries(response.content ?? {})) {
            const { example, schema } = content as { example?: unknown; schema: { $ref?: string } };
            // A response without an example of its own shows its component's example.
            const shown =
              example ??
              (schema.$ref ? componentExample(schema.$ref.split('/').at(-1) ?? '') : undefined);
            expect(shown, `${path} ${status} ${mediaType} has an example`).toBeDefined();
          }
        }
      }
    }
  });

  it('describes every component and gives it an example', () => {
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      expect(schema, name).toHaveProperty('description');
      if (name !== 'FieldError') expect(schema, name).toHaveProperty('example');
    }
  });

  it('names every property, path and query parameter in snake_case (headers keep HTTP casing)', () => {
    const names: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if (Array.isArray(node)) {
        for (const item of node) walk(item);
        return;
      }
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties' && typeof value === 'object' && value !== null) {
          names.push(...Object.keys(value));
        }
        if (key === 'parameters' && Array.isArray(value)) {
          const wireNames = value.filter((parameter: { in: string }) => parameter.in !== 'header');
          names.push(...wireNames.map((parameter: { name: string }) => parameter.name));
        }
        if (key !== 'example' && key !== 'examples') walk(value);
      }
    };
    walk(document);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((name) => !/^[a-z][a-z0-9_]*$/.test(name))).toEqual([]);
  });

  it('makes a defaulted request field optional, with its default', () => {
    const request = document.components?.schemas?.AnalyzeRequest;
    expect(request).toMatchObject({
      required: ['text'],
      additionalProperties: false,
      properties: {
        extract_entities: { type: 'boolean', default: false },
        text: { minLength: ANALYZE_TEXT_LIMITS.min, maxLength: ANALYZE_TEXT_LIMITS.max },
      },
    });
  });

  it('documents problem responses as application/problem+json, 429 with Retry-After, 401 with WWW-Authenticate', () => {
    const responses = document.paths?.['/v1/prompt']?.post?.responses ?? {};
    expect(Object.keys(responses).sort()).toEqual(
      ['200', '400', '401', '403', '413', '415', '422', '429', '500', '502', '504'].sort(),
    );
    expect(responses['401'].headers).toHaveProperty('WWW-Authenticate');
    expect(Object.keys(responses['422'].content)).toEqual(['application/problem+json']);
    expect(responses['429'].headers).toHaveProperty('Retry-After');
    expect(responses['502'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/UpstreamFailedProblem',
    });
  });

  it("gives each problem a component whose type and status are that problem's literals", () => {
    const schemas = document.components?.schemas ?? {};
    expect(schemas.NotFoundProblem).toMatchObject({
      properties: {
        type: { type: 'string', enum: ['/problems/not-found'] },
        status: { enum: [404] },
      },
    });
    expect(schemas.UpstreamFailedProblem).toMatchObject({
      properties: { type: { enum: ['/problems/upstream-failed'] }, attempts: { type: 'array' } },
      required: expect.arrayContaining(['type', 'status', 'attempts']),
    });
    const getAnalysis = document.paths?.['/v1/analyses/{id}']?.get?.responses ?? {};
    expect(getAnalysis['404'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/NotFoundProblem',
    });
  });

  it('says who may call each operation: security schemes, and security per operation from its access level', () => {
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual([
      'apiKey',
      'session',
    ]);
    const security = (path: string, method: 'get' | 'post' | 'delete') =>
      document.paths?.[path]?.[method]?.security;
    expect(security('/v1/analyze', 'post')).toEqual([]);
    expect(security('/v1/prompt', 'post')).toEqual([{}, { session: [] }, { apiKey: [] }]);
    expect(security('/v1/analyses', 'get')).toEqual([{ session: [] }, { apiKey: [] }]);
    expect(security('/v1/auth/api-keys', 'post')).toEqual([{ session: [] }]);
    expect(document.paths?.['/v1/analyze']?.post?.responses).not.toHaveProperty('401');
    expect(document.paths?.['/v1/analyses']?.get?.responses).not.toHaveProperty('403');
    expect(document.paths?.['/v1/auth/api-keys']?.get?.responses).toHaveProperty('403');
  });

  describe('examples', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(document as object, 'openapi.json');
    const samples = examplesOf(document);

    it('are many (one per component, property and problem response at least)', () => {
      expect(samples.length).toBeGreaterThan(40);
    });

    it.each(samples.map((sample) => [sample.where, sample] as const))(
      '%s validates against its own schema',
      (_where, sample) => {
        const rebased = JSON.parse(
          JSON.stringify(sample.schema).replaceAll('"#/components/', '"openapi.json#/components/'),
        );
        const validate = ajv.compile(rebased);
        expect(validate(sample.value), JSON.stringify(validate.errors)).toBe(true);
      },
    );

    it('fail when they do not match (the check can fail)', () => {
      const validate = ajv.compile({ $ref: 'openapi.json#/components/schemas/AnalyzeRequest' });
      expect(validate({ text: 'short' })).toBe(false);
    });

    it('point the analysis example entities at their text', () => {
      const { entities } = componentExample<{
        entities: { text: string; start: number; end: number }[];
      }>('AnalyzeResponse');
      const { text } = componentExample<{ text: string }>('AnalyzeRequest');
      for (const entity of entities) {
        expect(text.slice(entity.start, entity.end)).toBe(entity.text);
      }
    });
  });
});
