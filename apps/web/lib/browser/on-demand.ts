import type { FieldErrors, FieldValues, Resolver, ResolverError } from 'react-hook-form';

/** A module loaded on first use, once; `preload` starts loading it without waiting. */
export interface OnDemand<T> {
  get(): Promise<T>;
  preload(): void;
}

/**
 * What a page needs only once someone uses it (a form's contract schemas, Zod with them), kept
 * out of its first-load JS: `load` is a dynamic import, run on first use. A failed load is
 * retried on the next use.
 */
export function onDemand<T>(load: () => Promise<T>): OnDemand<T> {
  let loading: Promise<T> | undefined;
  const get = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return { get, preload: () => void get().catch(() => undefined) };
}

/** The error of a form whose checks could not be loaded, where the forms show what belongs to no field. */
const loadFailed: FieldErrors = {
  root: {
    server: {
      type: 'load',
      message: 'The form could not load its checks. Check your connection and try again.',
    },
  },
};

/**
 * A react-hook-form resolver that validates with the resolver of a module loaded on demand: the
 * first validation waits for it. If it cannot be loaded, the form says so instead of submitting.
 */
export function resolverOnDemand<I extends FieldValues, O>(
  contract: OnDemand<{ resolver: Resolver<I, unknown, O> }>,
): Resolver<I, unknown, O> {
  return async (values, context, options) => {
    try {
      return await (await contract.get()).resolver(values, context, options);
    } catch {
      const failed: ResolverError<I> = { values: {}, errors: loadFailed as FieldErrors<I> };
      return failed;
    }
  };
}
