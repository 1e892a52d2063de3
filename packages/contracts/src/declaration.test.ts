import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { ResponseObject } from 'openapi3-ts/oas31';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type AnyEndpoint,
  type BodyOf,
  defineEndpoint,
  deprecationHeaders,
  type ParamsOf,
  type ProblemOf,
  type QueryOf,
  type ResultOf,
} from './declaration.js';
import { endpoints } from './endpoints.js';
import { oldHealthEndpoint } from './fixtures.js';
import { buildOpenApiDocument, toRouteConfig } from './openapi.js';
import { Problem, type ProblemName, problem, problemCatalog, problemSchema } from './problem.js';
import { validateRequest } from './validation.js';

const id = '0b4a6f2e-8c1d-4f3a-9e7b-5d2c1a0f9e8d';
const Thing = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'Thing' });

/**
 * An operation with everything the API's own do not have yet: a path parameter, a query, a 201.
 * Declared inside the tests, so that a mutant of defineEndpoint shapes what they check.
 */
const declareRenameThing = () =>
  defineEndpoint({
    method: 'put',
    path: '/v1/things/{id}',
    operationId: 'renameThing',
    summary: 'Rename a thing',
    description: 'Renames it.',
    tag: 'things',
    params: z.object({ id: z.uuid() }),
    query: z.strictObject({ dry_run: z.stringbool().default(false) }),
    body: z.strictObject({ name: z.string().min(1) }),
    invalidExample: { params: { id: 'nope' }, query: { dry_run: 'maybe' }, body: { name: '' } },
    access: 'public',
    rateLimited: false,
    success: {
      status: 201,
      description: 'Renamed.',
      schema: Thing,
      headers: z.object({ Location: z.string() }),
    },
  });

const declareDeleteThing = () =>
  defineEndpoint({
    method: 'delete',
    path: '/v1/things/{id}',
    operationId: 'deleteThing',
    summary: 'Delete a thing',
    description: 'Deletes it.',
    tag: 'things',
    params: z.object({ id: z.uuid() }),
    invalidExample: { params: { id: 'nope' } },
    access: 'public',
    rateLimited: true,
    success: { status: 204, description: 'Deleted.' },
  });

const documentOf = (...declarations: Parameters<typeof toRouteConfig>[0][]) => {
  const registry = new OpenAPIRegistry();
  for (const declaration of declarations) registry.registerPath(toRouteConfig(declaration));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'test', version: '0' },
  });
};

type RenameThing = ReturnType<typeof declareRenameThing>;
type DeleteThing = ReturnType<typeof declareDeleteThing>;

/** The example of a problem response, as problem() makes it for the fixtures' path. */
const problemExample = (name: ProblemName, detail?: string) => ({
  type: `/problems/${name}`,
  title: problemCatalog[name].title,
  status: problemCatalog[name].status,
  ...(detail === undefined ? {} : { detail }),
  instance: '/v1/things/{id}',
});

describe('defineEndpoint', () => {
  it('derives the documented problems from the inputs and flags', () => {
    expect(Object.keys(declareRenameThing().responses)).toEqual([
      '201',
      '400',
      '413',
      '415',
      '422',
      '500',
    ]);
    expect(Object.keys(declareDeleteThing().responses)).toEqual(['204', '422', '429', '500']);
    const { params: _, invalidExample: __, ...withoutParams } = declareDeleteThing();
    expect(Object.keys(defineEndpoint({ ...withoutParams, path: '/v1/things' }).responses)).toEqual(
      ['204', '429', '500'],
    );
    const { body: ___, ...withoutBody } = declareRenameThing();
    expect(
      Object.keys(
        defineEndpoint({
          ...withoutBody,
          params: undefined,
          invalidExample: { query: { dry_run: 'maybe' } },
          path: '/v1/things',
        }).responses,
      ),
    ).toEqual(['201', '422', '500']);
    expect(Object.keys(endpoints.health.responses)).toEqual(['200', '500']);
    for (const endpoint of Object.values(endpoints)) {
      expect(429 in endpoint.responses, endpoint.operationId).toBe(endpoint.rateLimited);
    }
  });

  it('documents each problem as problem+json with its catalog description and an example', () => {
    const renameThing = declareRenameThing();
    const deleteThing = declareDeleteThing();
    expect(renameThing.responses[400]).toMatchObject({
      description: problemCatalog['malformed-request'].description,
      mediaType: 'application/problem+json',
      example: problemExample('malformed-request', 'The body is not valid JSON.'),
    });
    expect(renameThing.responses[413]).toMatchObject({
      description: 'The body is larger than 65536 bytes.',
      example: problemExample('content-too-large', expect.stringContaining('65536')),
    });
    expect(renameThing.responses[415].example).toEqual(
      problemExample(
        'unsupported-media-type',
        'Send the body as application/json; got text/plain.',
      ),
    );
    expect(deleteThing.responses[429].example).toEqual(
      problemExample('rate-limited', expect.stringContaining('60')),
    );
    expect(deleteThing.responses[500].example).toEqual(problemExample('internal-error'));
    expect(deleteThing.responses[500].example).not.toHaveProperty('detail');
  });

  it('gives 429 and 503 a Retry-After header and every response a request id', () => {
    const deleteThing: AnyEndpoint = declareDeleteThing();
    const headersOf = (status: number) =>
      Object.keys(deleteThing.responses[status]?.headers?.shape ?? {});
    expect(headersOf(429)).toEqual(expect.arrayContaining(['Retry-After', 'X-Request-Id']));
    for (const status of [204, 422, 500]) {
      expect(headersOf(status), String(status)).not.toContain('Retry-After');
      expect(headersOf(status), String(status)).toContain('X-Request-Id');
    }
    const withStorage = defineEndpoint({
      ...deleteThing,
      problems: {
        'storage-unavailable': { schema: Problem, example: problem('storage-unavailable') },
      },
    });
    expect(Object.keys(withStorage.responses[503]?.headers?.shape ?? {})).toContain('Retry-After');
  });

  it('answers JSON unless the success says otherwise, and nothing without a schema', () => {
    expect(declareRenameThing().responses[201].mediaType).toBe('application/json');
    expect(declareDeleteThing().responses[204].mediaType).toBeUndefined();
    const renameThing = declareRenameThing();
    const asText = defineEndpoint({
      ...renameThing,
      success: { ...renameThing.success, mediaType: 'text/event-stream' },
    });
    expect(asText.responses[201].mediaType).toBe('text/event-stream');
  });

  it('leaves the 422 example to the document builder, which makes it what validateRequest answers, pointers under /path and /query', () => {
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

  it('refuses a path whose parameters the params schema does not declare', () => {
    expect(() =>
      defineEndpoint({
        ...declareDeleteThing(),
        path: '/v1/things/{thingId}',
      }),
    ).toThrow('/v1/things/{thingId}: path parameters thingId but params schema id');
  });

  it('refuses an operation that takes input without an invalidExample, or documents none with one that passes', () => {
    const { invalidExample: _, ...withoutExample } = declareRenameThing();
    expect(() => defineEndpoint(withoutExample)).toThrow(
      '/v1/things/{id} takes input but has no invalidExample',
    );
    const passing = defineEndpoint({
      ...declareRenameThing(),
      invalidExample: { params: { id }, query: {}, body: { name: 'Fine' } },
    });
    expect(() => toRouteConfig(passing)).toThrow(
      'The invalidExample of /v1/things/{id} passes its schemas',
    );
  });

  it('types what the handler receives and returns', () => {
    expectTypeOf<ParamsOf<RenameThing>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<QueryOf<RenameThing>>().toEqualTypeOf<{ dry_run: boolean }>();
    expectTypeOf<BodyOf<RenameThing>>().toEqualTypeOf<{ name: string }>();
    expectTypeOf<ResultOf<RenameThing>>().toEqualTypeOf<{ id: string; name: string }>();
    expectTypeOf<ResultOf<DeleteThing>>().toEqualTypeOf<undefined>();
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

  it('refuses a second schema for one problem', () => {
    const Other = Problem.extend({ extra: z.string() });
    expect(() => problemSchema('not-found', Other)).toThrow(
      'The problem not-found has two different schemas',
    );
  });

  it('documents a 201 with its Location header and a 204 without content', () => {
    expect(item?.put?.responses?.['201']).toMatchObject({
      headers: { Location: expect.anything() },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
    });
    expect(item?.delete?.responses?.['204']).not.toHaveProperty('content');
  });
});

describe('validateRequest', () => {
  it('hands back what the schemas made of the parts: coerced, defaults applied', () => {
    const id = '0192b7a0-3c4d-7e8f-9a0b-1c2d3e4f5a6b';
    expect(
      validateRequest(declareRenameThing(), { params: { id }, query: {}, body: { name: 'x' } }),
    ).toEqual({
      success: true,
      data: { params: { id }, query: { dry_run: false }, body: { name: 'x' } },
    });
  });

  it('words a body-only failure as the request body', () => {
    const result = validateRequest(endpoints.analyze, { body: { text: 'short' } });
    expect(result.success || result.problem.detail).toBe('The request body has 1 invalid field.');
  });
});

describe('a deprecated operation', () => {
  const document = buildOpenApiDocument('1.0.0', { oldHealth: oldHealthEndpoint });
  const operation = document.paths?.['/v1/fixtures/old-health']?.get;

  it('is deprecated in the document, with its sunset, its successor and the headers it sends', () => {
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

  it('answers with RFC 9745 Deprecation, RFC 8594 Sunset and a successor-version Link', () => {
    expect(deprecationHeaders({ since: '2026-12-01', sunset: '2027-06-30' })).toEqual({
      Deprecation: `@${Date.UTC(2026, 11, 1) / 1000}`,
      Sunset: 'Wed, 30 Jun 2027 23:59:59 GMT',
    });
    expect(deprecationHeaders(oldHealthEndpoint.deprecated).Link).toBe(
      '</v1/health>; rel="successor-version"',
    );
  });

  it('refuses dates that are not days, or a sunset that is not later', () => {
    const { responses: _, ...spec } = oldHealthEndpoint;
    for (const deprecated of [
      { since: '2026-12-01', sunset: '2026-12-01' },
      { since: '1 December 2026', sunset: '2099-12-31' },
    ]) {
      expect(() => defineEndpoint({ ...spec, deprecated })).toThrow(
        '/v1/fixtures/old-health: a deprecation needs two dates, YYYY-MM-DD, the sunset later',
      );
    }
  });
});

describe('ProblemOf', () => {
  it('is the union of the problems an operation declares, discriminated by type', () => {
    type GetAnalysisProblem = ProblemOf<typeof endpoints.getAnalysis>;
    expectTypeOf<GetAnalysisProblem['type']>().toEqualTypeOf<
      | '/problems/unauthorized'
      | '/problems/not-found'
      | '/problems/validation-error'
      | '/problems/internal-error'
      | '/problems/storage-unavailable'
    >();
    expectTypeOf<
      Extract<GetAnalysisProblem, { type: '/problems/not-found' }>['status']
    >().toEqualTypeOf<404>();
    type PromptProblem = ProblemOf<typeof endpoints.prompt>;
    expectTypeOf<
      Extract<PromptProblem, { type: '/problems/upstream-failed' }>['attempts']
    >().not.toBeNever();
  });
});
