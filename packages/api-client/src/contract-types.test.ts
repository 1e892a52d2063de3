import {
  defineEndpoint,
  type EndpointName,
  type Endpoints,
  StoredAnalysis,
} from '@textpulse/contracts';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { components, operations, paths } from './index.js';

// Checked by `tsc` (pnpm typecheck): these fail to compile the day the generated types and the
// Zod schemas disagree, whether zod-to-openapi, openapi-typescript or a hand edit is to blame.
// Every operation of the endpoint table is compared, part by part, without a line per operation.

/** Whether A and B are the same type (not merely assignable either way). */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** `undefined` for a part the generated type leaves out (`?: never`), else that part. */
type Present<T> = [NonNullable<T>] extends [never] ? undefined : NonNullable<T>;
type ContentOf<T> = Present<T> extends { content: infer C } ? Present<C[keyof C]> : undefined;
type Schema<T, Side extends 'input' | 'output'> = T extends z.ZodType
  ? Side extends 'input'
    ? z.input<T>
    : z.output<T>
  : undefined;

/** The generated types of one operation, part by part. */
interface Generated<Op> {
  params: Op extends { parameters: { path?: infer P } } ? Present<P> : undefined;
  query: Op extends { parameters: { query?: infer Q } } ? Present<Q> : undefined;
  body: Op extends { requestBody?: infer R } ? ContentOf<R> : undefined;
  statuses: Op extends { responses: infer R } ? keyof R : never;
}

/**
 * What the declaration says of the same parts: what a client sends is z.input of its schema,
 * but for the query, whose values travel as strings: the values the API parses (z.output), each
 * optional (a default applies when it is absent).
 */
interface Declared<E> {
  params: E extends { params: infer P } ? Schema<P, 'input'> : undefined;
  query: E extends { query: infer Q } ? Partial<Schema<Q, 'output'>> : undefined;
  body: E extends { body: infer B } ? Schema<B, 'input'> : undefined;
  statuses: E extends { responses: infer R } ? keyof R : never;
}

type PartMismatches<Name extends string, Op, E> =
  | {
      [Part in keyof Generated<Op>]: Equal<Generated<Op>[Part], Declared<E>[Part]> extends true
        ? never
        : `${Name}: ${Part}`;
    }[keyof Generated<Op>]
  | {
      [S in Declared<E>['statuses'] & Generated<Op>['statuses'] & number]: Op extends {
        responses: { [K in S]: infer Answer };
      }
        ? E extends { responses: { [K in S]: { schema: infer R } } }
          ? Equal<ContentOf<Answer>, Schema<R, 'output'>> extends true
            ? never
            : `${Name}: ${S} body`
          : never
        : never;
    }[Declared<E>['statuses'] & Generated<Op>['statuses'] & number];

/**
 * Every way the generated `paths` and `operations` differ from an endpoint table, as
 * "operation: part" strings; never when they agree. Each operation is found at its declared path
 * and method, and compared in its path parameters, query, request body, documented statuses and
 * the body of each (z.output of its schema; for an event stream, of each event's data).
 */
export type ContractMismatches<Table, Paths, Operations> = {
  [Name in keyof Table & string]: Table[Name] extends {
    path: infer P;
    method: infer M;
    operationId: infer Id;
  }
    ? P extends keyof Paths
      ? Id extends keyof Operations
        ?
            | (Equal<Paths[P][M & keyof Paths[P]], Operations[Id]> extends true
                ? never
                : `${Name}: path and method`)
            | PartMismatches<Name, Operations[Id], Table[Name]>
        : `${Name}: no operation ${Id & string}`
      : `${Name}: no path ${P & string}`
    : `${Name}: not a declaration`;
}[keyof Table & string];

/** Fails to compile with the mismatches named: "Type '"getAnalysis: 200 body"' does not satisfy the constraint 'never'". */
type NoMismatches<T extends never> = T;
export type ClientMatchesContract = NoMismatches<ContractMismatches<Endpoints, paths, operations>>;

describe('generated client types equal the Zod contract', () => {
  it('for every operation of the endpoint table, in every part', () => {
    expectTypeOf<ContractMismatches<Endpoints, paths, operations>>().toEqualTypeOf<never>();
    // The table is not empty: a comparison over no operations would prove nothing.
    expectTypeOf<'getAnalysis'>().toExtend<EndpointName>();
  });

  describe('ContractMismatches, given a fixture operation', () => {
    const listFixtures = defineEndpoint({
      method: 'get',
      path: '/v1/fixtures/{id}',
      operationId: 'listFixtures',
      summary: 'A fixture',
      description: 'An operation that exists only in this test.',
      tag: 'fixtures',
      params: z.object({ id: z.string() }),
      query: z.strictObject({ limit: z.coerce.number().int().default(20) }),
      access: 'public',
      rateLimited: false,
      invalidExample: { query: { limit: 'many' } },
      success: { status: 200, description: 'Stored', schema: StoredAnalysis },
    });
    type Table = { listFixtures: typeof listFixtures };
    type Problem<Name extends 'ValidationErrorProblem' | 'InternalErrorProblem'> =
      components['schemas'][Name];
    /** What openapi-typescript generates for it. */
    interface FixtureOperation {
      parameters: {
        query?: { limit?: number };
        header?: never;
        path: { id: string };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { 'application/json': StoredAnalysis };
        };
        422: {
          headers: { [name: string]: unknown };
          content: { 'application/problem+json': Problem<'ValidationErrorProblem'> };
        };
        500: {
          headers: { [name: string]: unknown };
          content: { 'application/problem+json': Problem<'InternalErrorProblem'> };
        };
      };
    }
    type Paths<Op> = { '/v1/fixtures/{id}': { get: Op } };

    it('finds nothing where the generated types agree', () => {
      expectTypeOf<
        ContractMismatches<Table, Paths<FixtureOperation>, { listFixtures: FixtureOperation }>
      >().toEqualTypeOf<never>();
    });

    it('finds a query value of the wrong type, a wrong success body and a missing status', () => {
      type Wrong = Omit<FixtureOperation, 'parameters' | 'responses'> & {
        parameters: Omit<FixtureOperation['parameters'], 'query'> & { query?: { limit?: string } };
        responses: Omit<FixtureOperation['responses'], 200 | 422> & {
          200: {
            headers: { [name: string]: unknown };
            content: { 'application/json': Problem<'InternalErrorProblem'> };
          };
        };
      };
      expectTypeOf<
        ContractMismatches<Table, Paths<Wrong>, { listFixtures: Wrong }>
      >().toEqualTypeOf<
        'listFixtures: query' | 'listFixtures: 200 body' | 'listFixtures: statuses'
      >();
    });
  });
});
