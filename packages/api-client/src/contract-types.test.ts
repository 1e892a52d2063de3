import type { EndpointName, Endpoints } from '@textpulse/contracts';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { operations, paths } from './index.js';

// Checked by `tsc` (pnpm typecheck): these fail to compile the day the generated types and the
// Zod schemas disagree, whether zod-to-openapi, openapi-typescript or a hand edit is to blame.

type Operation<E extends EndpointName> = operations[Endpoints[E]['operationId']];
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type RequestBody<E extends EndpointName> =
  Operation<E> extends { requestBody: infer R } ? JsonBody<R> : never;
type ResponseBody<E extends EndpointName, S extends number> = Operation<E>['responses'] extends {
  [K in S]: { content: infer C };
}
  ? C[keyof C]
  : never;

type ContractBody<E extends EndpointName> = Endpoints[E] extends { body: infer B extends z.ZodType }
  ? z.input<B>
  : never;
type ContractResponse<
  E extends EndpointName,
  S extends keyof Endpoints[E]['responses'],
> = Endpoints[E]['responses'][S] extends { schema: infer R extends z.ZodType }
  ? z.output<R>
  : never;

describe('generated client types equal the Zod contract', () => {
  it('serves each operation at its declared path and method', () => {
    expectTypeOf<paths['/v1/analyze']['post']>().toEqualTypeOf<Operation<'analyze'>>();
    expectTypeOf<paths['/v1/prompt']['post']>().toEqualTypeOf<Operation<'prompt'>>();
    expectTypeOf<paths['/v1/health']['get']>().toEqualTypeOf<Operation<'health'>>();
  });

  it('types request bodies as z.input of the body schema', () => {
    expectTypeOf<RequestBody<'analyze'>>().toEqualTypeOf<ContractBody<'analyze'>>();
    expectTypeOf<RequestBody<'prompt'>>().toEqualTypeOf<ContractBody<'prompt'>>();
    expectTypeOf<Operation<'health'>['requestBody']>().toEqualTypeOf<never | undefined>();
  });

  it('types success bodies as z.output of the response schema', () => {
    expectTypeOf<ResponseBody<'analyze', 200>>().toEqualTypeOf<ContractResponse<'analyze', 200>>();
    expectTypeOf<ResponseBody<'prompt', 200>>().toEqualTypeOf<ContractResponse<'prompt', 200>>();
    expectTypeOf<ResponseBody<'health', 200>>().toEqualTypeOf<ContractResponse<'health', 200>>();
    // An event stream's schema is that of each event's data.
    expectTypeOf<ResponseBody<'promptStream', 200>>().toEqualTypeOf<
      ContractResponse<'promptStream', 200>
    >();
    expectTypeOf<RequestBody<'promptStream'>>().toEqualTypeOf<ContractBody<'promptStream'>>();
  });

  it('types problem bodies as z.output of their schema', () => {
    expectTypeOf<ResponseBody<'analyze', 422>>().toEqualTypeOf<ContractResponse<'analyze', 422>>();
    expectTypeOf<ResponseBody<'prompt', 429>>().toEqualTypeOf<ContractResponse<'prompt', 429>>();
    expectTypeOf<ResponseBody<'prompt', 502>>().toEqualTypeOf<ContractResponse<'prompt', 502>>();
    expectTypeOf<ResponseBody<'prompt', 504>>().toEqualTypeOf<ContractResponse<'prompt', 504>>();
    expectTypeOf<ResponseBody<'health', 500>>().toEqualTypeOf<ContractResponse<'health', 500>>();
  });

  it('types path parameters, the query, a 201 and a 204 as the declarations say', () => {
    expectTypeOf<paths['/v1/analyses']['post']>().toEqualTypeOf<Operation<'createAnalysis'>>();
    expectTypeOf<paths['/v1/analyses/{id}']['get']>().toEqualTypeOf<Operation<'getAnalysis'>>();
    expectTypeOf<RequestBody<'createAnalysis'>>().toEqualTypeOf<ContractBody<'createAnalysis'>>();
    expectTypeOf<ResponseBody<'createAnalysis', 201>>().toEqualTypeOf<
      ContractResponse<'createAnalysis', 201>
    >();
    expectTypeOf<ResponseBody<'listAnalyses', 200>>().toEqualTypeOf<
      ContractResponse<'listAnalyses', 200>
    >();
    expectTypeOf<Operation<'getAnalysis'>['parameters']['path']>().toEqualTypeOf<
      z.input<Endpoints['getAnalysis']['params']>
    >();
    expectTypeOf<
      keyof NonNullable<Operation<'listAnalyses'>['parameters']['query']>
    >().toEqualTypeOf<keyof z.input<Endpoints['listAnalyses']['query']>>();
    expectTypeOf<
      Operation<'deleteAnalysis'>['responses'][204]['content']
    >().toEqualTypeOf<undefined>();
  });
});
