import type { Resolver } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { onDemand, resolverOnDemand } from './on-demand';

type Values = { text: string };
const passing: Resolver<Values> = async (values) => ({ values, errors: {} });
const resolve = (resolver: Resolver<Values>) =>
  resolver({ text: 'x' }, undefined, { fields: {}, shouldUseNativeValidation: false });

describe('onDemand', () => {
  it('loads once, on first use, however many ask', async () => {
    const load = vi.fn(async () => ({ resolver: passing }));
    const contract = onDemand(load);
    expect(load).not.toHaveBeenCalled();
    contract.preload();
    await Promise.all([contract.get(), contract.get()]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says so on the form when the checks cannot load, and loads again next time', async () => {
    const load = vi
      .fn<() => Promise<{ resolver: Resolver<Values> }>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce({ resolver: passing });
    const resolver = resolverOnDemand(onDemand(load));
    expect(await resolve(resolver)).toEqual({
      values: {},
      errors: {
        root: {
          server: {
            type: 'load',
            message: 'The form could not load its checks. Check your connection and try again.',
          },
        },
      },
    });
    expect(await resolve(resolver)).toEqual({ values: { text: 'x' }, errors: {} });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
