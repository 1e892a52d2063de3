import { describe, expectTypeOf, it } from 'vitest';
import type { ApiClient } from './index.js';

// Checked by `tsc` (pnpm typecheck). Each problem's `type` is a literal in the document, so the
// error openapi-fetch hands back for an operation is a union discriminated by `type`.

const getAnalysis = (client: ApiClient) =>
  client.GET('/v1/analyses/{id}', { params: { path: { id: 'some-id' } } });
type GetAnalysisError = NonNullable<Awaited<ReturnType<typeof getAnalysis>>['error']>;

describe("getAnalysis's error type", () => {
  it('is a union of the problems the operation declares, discriminated by type', () => {
    expectTypeOf<GetAnalysisError['type']>().toEqualTypeOf<
      | '/problems/unauthorized'
      | '/problems/not-found'
      | '/problems/validation-error'
      | '/problems/internal-error'
      | '/problems/storage-unavailable'
    >();
  });

  it('narrows on type to one problem, with its status', () => {
    const statusOf = (error: GetAnalysisError) => {
      if (error.type === '/problems/not-found') {
        expectTypeOf(error.status).toEqualTypeOf<404>();
        return error.status;
      }
      if (error.type === '/problems/validation-error') {
        expectTypeOf(error.errors).toEqualTypeOf<
          { path: string; code: string; message: string }[] | undefined
        >();
        return error.status;
      }
      expectTypeOf(error.status).toEqualTypeOf<401 | 500 | 503>();
      return error.status;
    };
    expectTypeOf(statusOf).returns.toEqualTypeOf<401 | 404 | 422 | 500 | 503>();
  });
});
