import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './json-body.js';
import { FORBIDDEN_KEY_DETAIL, MALFORMED_JSON_DETAIL } from './request-body.js';

describe('parseJsonBody', () => {
  it('parses JSON, a "prototype" key included', () => {
    expect(parseJsonBody('{"text": "hi", "prototype": 1}')).toEqual({
      success: true,
      data: { text: 'hi', prototype: 1 },
    });
  });

  it.each([
    ['malformed JSON', '{"text": ', MALFORMED_JSON_DETAIL],
    ['an empty body', '', MALFORMED_JSON_DETAIL],
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
