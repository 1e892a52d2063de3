import { describe, expect, it } from 'vitest';
import { returnPath, signInHref } from './account';

describe('returnPath', () => {
  it.each([
    ['/history', '/history'],
    ['/history?sentiment_label=positive', '/history?sentiment_label=positive'],
    ['/analyze#top', '/analyze'],
    ['/a/../history', '/history'],
  ])('keeps a path of this site: %s', (next, kept) => {
    expect(returnPath(next)).toBe(kept);
  });

  it.each([
    '//evil.example/steal',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'history',
    '',
    undefined,
    ['/history'],
  ])('falls back for anything that could lead elsewhere: %j', (next) => {
    expect(returnPath(next)).toBe('/history');
    expect(returnPath(next, '/analyze')).toBe('/analyze');
  });

  it('makes the sign-in link with the return path', () => {
    expect(signInHref('/history?cursor=abc')).toBe('/sign-in?next=%2Fhistory%3Fcursor%3Dabc');
    expect(signInHref('//evil.example')).toBe('/sign-in?next=%2Fhistory');
  });
});
