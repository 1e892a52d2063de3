import { SESSION_COOKIE } from '@textpulse/contracts';
import { describe, expect, it } from 'vitest';
import { credentialsOf } from './credentials.js';

describe('credentialsOf', () => {
  it('reads an API key as a bearer token, which wins over a session cookie', () => {
    expect(
      credentialsOf({ authorization: 'Bearer tp_abc', cookie: `${SESSION_COOKIE}=s` }),
    ).toEqual({ kind: 'api-key', key: 'tp_abc' });
  });

  it('calls any other Authorization header malformed', () => {
    for (const authorization of [
      'Basic YWRhOmFkYQ==',
      'Bearer ',
      'Bearer a b',
      `Bearer ${'k'.repeat(513)}`,
    ]) {
      expect(credentialsOf({ authorization })).toBe('malformed');
    }
  });

  it('reads the session cookie among others, and nothing from other cookies', () => {
    const cookie = `theme=dark; ${SESSION_COOKIE}=s`;
    expect(credentialsOf({ cookie })).toEqual({ kind: 'session', cookie });
    expect(credentialsOf({ cookie: `x${SESSION_COOKIE}=s` })).toBeUndefined();
    expect(credentialsOf({ cookie: 'theme=dark', authorization: null })).toBeUndefined();
    expect(credentialsOf({})).toBeUndefined();
  });
});
