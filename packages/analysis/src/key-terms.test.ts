import { describe, expect, it } from 'vitest';
import { digest } from './key-terms.js';

describe('digest', () => {
  const text = 'Rust rust RUST is fast. Go is simple. Rust compiles and rust runs, go runs too.';

  it('ranks the key terms by frequency, case folded, ties in order of appearance', () => {
    expect(digest(text).keyTerms).toEqual(['rust', 'runs', 'fast', 'simple', 'compiles']);
  });

  it('gives at most maxTerms of them', () => {
    expect(digest(text, 2).keyTerms).toEqual(['rust', 'runs']);
  });

  it('leaves out stop words, punctuation and one-letter words', () => {
    expect(digest('The the THE the x x x x rust!!! ...').keyTerms).toEqual(['rust']);
  });

  it('counts the sentences and sums up with the one of most key-term weight', () => {
    expect(digest('The sky. Rust rust rust is fast.')).toEqual({
      sentences: 2,
      keyTerms: ['rust', 'sky', 'fast'],
      summary: 'Rust rust rust is fast.',
    });
  });

  it('sums up with the first of equally weighty sentences', () => {
    expect(digest('Alpha beta. Beta alpha.').summary).toBe('Alpha beta.');
  });

  it('sums up an empty text with nothing', () => {
    expect(digest('')).toEqual({ sentences: 1, keyTerms: [], summary: '' });
  });

  it('has no key terms, and the first sentence as summary, for stop words alone', () => {
    expect(digest('It is what it is. So it is.')).toEqual({
      sentences: 2,
      keyTerms: [],
      summary: 'It is what it is.',
    });
  });
});
