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

  it('starts loading on preload, before anything asks for the module', () => {
    const load = vi.fn(async () => ({ resolver: passing }));
    onDemand(load).preload();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('lets a failed preload go unreported, and loads again on the next use', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const load = vi
        .fn<() => Promise<string>>()
        .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
        .mockResolvedValueOnce('module');
      const contract = onDemand(load);
      contract.preload();
      // Node reports a rejection nobody handles once the microtasks have run, before setImmediate.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
      expect(load).toHaveBeenCalledTimes(1);
      expect(await contract.get()).toBe('module');
      expect(load).toHaveBeenCalledTimes(2);
    } finally {
      process.off('unhandledRejection', unhandled);
    }
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
