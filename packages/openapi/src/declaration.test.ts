import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { defineEndpoint, Problem, problem } from '@textpulse/contracts';
import {
  declareDeleteThing,
  declareRenameThing,
  oldHealthEndpoint,
} from '@textpulse/contracts/fixtures';
import type { ResponseObject } from 'openapi3-ts/oas31';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, toRouteConfig } from './document.js';

const id = '0b4a6f2e-8c1d-4f3a-9e7b-5d2c1a0f9e8d';

const documentOf = (...declarations: Parameters<typeof toRouteConfig>[0][]) => {
  const registry = new OpenAPIRegistry();
  for (const declaration of declarations) registry.registerPath(toRouteConfig(declaration));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'test', version: '0' },
  });
};

describe('the 422 example', () => {
  it('leaves the 422 example to the document builder, which makes it what the request gate answers, pointers under /path and /query', () => {
    expect(declareRenameThing().responses[422].example).toBeUndefined();
    const operation = documentOf(declareRenameThing()).paths?.['/v1/things/{id}']?.put;
    const documented = operation?.responses?.['422'] as ResponseObject | undefined;
    expect(documented?.content?.['application/problem+json']?.example).toEqual({
      type: '/problems/validation-error',
      title: 'Validation failed',
      status: 422,
      detail: 'The request has 3 invalid fields.',
      instance: '/v1/things/{id}',
      errors: [
        { path: '/path/id', code: 'invalid_format', message: expect.any(String) },
        { path: '/query/dry_run', code: 'invalid_value', message: expect.any(String) },
        { path: '/name', code: 'too_small', message: expect.any(String) },
      ],
    });
  });

  it('refuses an operation whose invalidExample passes its schemas', () => {
    const passing = defineEndpoint({
      ...declareRenameThing(),
      invalidExample: { params: { id }, query: {}, body: { name: 'Fine' } },
    });
    expect(() => toRouteConfig(passing)).toThrow(
      'The invalidExample of /v1/things/{id} passes its schemas',
    );
  });
});

describe('the document of a declaration', () => {
  const document = documentOf(declareRenameThing(), declareDeleteThing());
  const item = document.paths?.['/v1/things/{id}'];

  it('documents the path parameter and the query', () => {
    expect(item?.put?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'path', name: 'id', required: true }),
        expect.objectContaining({ in: 'query', name: 'dry_run', required: false }),
      ]),
    );
  });

  it('documents two problems of one status as a union discriminated by type', () => {
    const thing = declareDeleteThing();
    const withLinks = defineEndpoint({
      ...thing,
      access: 'user',
      problems: {
        'invalid-credentials': { schema: Problem, example: problem('invalid-credentials') },
      },
    });
    const response = documentOf(withLinks).paths?.['/v1/things/{id}']?.delete?.responses?.['401'];
    expect(response?.content?.['application/problem+json']?.schema).toEqual({
      oneOf: [
        { $ref: '#/components/schemas/UnauthorizedProblem' },
        { $ref: '#/components/schemas/InvalidCredentialsProblem' },
      ],
      discriminator: {
        propertyName: 'type',
        mapping: {
          '/problems/unauthorized': '#/components/schemas/UnauthorizedProblem',
          '/problems/invalid-credentials': '#/components/schemas/InvalidCredentialsProblem',
        },
      },
    });
    expect(response?.description).toContain('`/problems/invalid-credentials`: The email');
    expect(response?.headers).toHaveProperty('WWW-Authenticate');
    const schema = withLinks.responses[401]?.schema;
    expect(schema?.safeParse(problem('invalid-credentials')).success).toBe(true);
    expect(schema?.safeParse({ ...problem('invalid-credentials'), status: 400 }).success).toBe(
      false,
    );
    expect(schema?.safeParse(problem('not-found')).success).toBe(false);
  });

  it('documents a 201 with its Location header and a 204 without content', () => {
    expect(item?.put?.responses?.['201']).toMatchObject({
      headers: { Location: expect.anything() },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
    });
    expect(item?.delete?.responses?.['204']).not.toHaveProperty('content');
  });
});

describe('a deprecated operation', () => {
  it('is deprecated in the document, with its sunset, its successor and the headers it sends', () => {
    const document = buildOpenApiDocument('1.0.0', { oldHealth: oldHealthEndpoint });
    const operation = document.paths?.['/v1/fixtures/old-health']?.get;
    expect(operation).toMatchObject({ deprecated: true, 'x-sunset': '2099-12-31' });
    expect(operation?.description).toContain(
      '**Deprecated** since 2026-12-01; it may stop working after 2099-12-31. Use `/v1/health` instead.',
    );
    const success = operation?.responses?.['200'] as ResponseObject;
    expect(Object.keys(success.headers ?? {})).toEqual(
      expect.arrayContaining(['Deprecation', 'Sunset', 'Link']),
    );
    const body = success.content?.['application/json']?.schema as { properties: object };
    expect(body.properties).toMatchObject({ up: { deprecated: true } });
  });

  it('names no successor when the declaration has none', () => {
    const { responses: _, ...spec } = oldHealthEndpoint;
    const withoutSuccessor = defineEndpoint({
      ...spec,
      deprecated: { since: '2026-12-01', sunset: '2099-12-31' },
    });
    expect(toRouteConfig(withoutSuccessor).description).toBe(
      `${spec.description}\n\n**Deprecated** since 2026-12-01; it may stop working after 2099-12-31.`,
    );
  });
});
