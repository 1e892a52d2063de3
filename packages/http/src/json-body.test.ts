import {
  duplicateKeyDetail,
  FORBIDDEN_KEY_DETAIL,
  MALFORMED_JSON_DETAIL,
} from '@textpulse/contracts';
import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './json-body.js';

describe('parseJsonBody', () => {
  it('parses JSON, a "prototype" key and one key in several objects included', () => {
    expect(parseJsonBody('{"text": "hi", "prototype": 1, "o": {"text": 2}}')).toEqual({
      success: true,
      data: { text: 'hi', prototype: 1, o: { text: 2 } },
    });
  });

  it.each([
    ['a key after a nested object that has it', '{"o": {"a": 1}, "a": 2}'],
    ['a string value equal to its key', '{"a": "a"}'],
    ['"prototype" in an object that is not under "constructor"', '{"o": {"prototype": 1}}'],
    ['any other key under "constructor"', '{"constructor": {"name": "x"}}'],
  ])('accepts %s', (_name, text) => {
    expect(parseJsonBody(text)).toEqual({ success: true, data: JSON.parse(text) });
  });

  it.each([
    ['malformed JSON', '{"text": ', MALFORMED_JSON_DETAIL],
    ['an empty body', '', MALFORMED_JSON_DETAIL],
    ['JSON with a comment', '{"text": "hi" /* no */}', MALFORMED_JSON_DETAIL],
    ['a repeated key', '{"text": "a", "text": "b"}', duplicateKeyDetail('/text')],
    ['a key repeated in escapes', '{"text": "a", "\\u0074ext": "b"}', duplicateKeyDetail('/text')],
    [
      'a key repeated in a nested object',
      '{"o": [{"a/b": 1, "a/b": 2}]}',
      duplicateKeyDetail('/o/0/a~1b'),
    ],
    ['a key repeated after an array', '{"a": [1, 2], "a": 3}', duplicateKeyDetail('/a')],
    [
      "a key repeated in an array's second object",
      '{"o": [{"k": 1}, {"k": 1, "k": 2}]}',
      duplicateKeyDetail('/o/1/k'),
    ],
    ['a __proto__ key', '{"__proto__": {"polluted": true}}', FORBIDDEN_KEY_DETAIL],
    [
      'constructor.prototype',
      '{"constructor": {"prototype": {"polluted": true}}}',
      FORBIDDEN_KEY_DETAIL,
    ],
  ])('refuses %s with the detail of its 400', (_name, text, detail) => {
    expect(parseJsonBody(text)).toEqual({ success: false, detail });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseJsonBody on deep nesting', () => {
  it('reads 100,000 levels without overflowing the stack, and finds a repeat at the bottom', () => {
    const depth = 100_000;
    const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(parseJsonBody(arrays).success).toBe(true);
    const objects = `${'{"a":'.repeat(depth)}{"b":1,"b":2}${'}'.repeat(depth)}`;
    expect(parseJsonBody(objects)).toEqual({
      success: false,
      detail: duplicateKeyDetail(`${'/a'.repeat(depth)}/b`),
    });
  });
});
