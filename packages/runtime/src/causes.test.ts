import { describe, expect, it } from 'vitest';
import { causesOf } from './causes.js';

describe('causesOf', () => {
  it('lists an error and its causes, outermost first', () => {
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:1');
    const failed = new TypeError('fetch failed', { cause: refused });
    expect(causesOf(failed)).toEqual([failed, refused]);
  });

  it('stops at a cause that is not an Error', () => {
    const error = new Error('outer', { cause: 'a string' });
    expect(causesOf(error)).toEqual([error]);
    expect(causesOf('not an error')).toEqual([]);
    expect(causesOf(undefined)).toEqual([]);
  });

  it('stops at a cycle', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    first.cause = second;
    expect(causesOf(first)).toEqual([first, second]);
  });
});
