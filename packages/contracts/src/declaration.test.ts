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
import { declareDeleteThing, declareRenameThing, oldHealthEndpoint } from './fixtures.js';
import { Problem, type ProblemName, problem, problemCatalog, problemSchema } from './problem.js';
import { validateRequest } from './validation.js';

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

  it('refuses a path whose parameters the params schema does not declare', () => {
    expect(() =>
      defineEndpoint({
        ...declareDeleteThing(),
        path: '/v1/things/{thingId}',
      }),
    ).toThrow('/v1/things/{thingId}: path parameters thingId but params schema id');
  });

  it('refuses a second schema for one problem', () => {
    const Other = Problem.extend({ extra: z.string() });
    expect(() => problemSchema('not-found', Other)).toThrow(
      'The problem not-found has two different schemas',
    );
  });

  it('refuses an operation that takes input without an invalidExample', () => {
    const { invalidExample: _, ...withoutExample } = declareRenameThing();
    expect(() => defineEndpoint(withoutExample)).toThrow(
      '/v1/things/{id} takes input but has no invalidExample',
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
