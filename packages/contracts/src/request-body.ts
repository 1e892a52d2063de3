/**
 * The rules for request bodies that come before their schemas, and how a breach is worded: one
 * place for the API and the web route handlers, so a bad body reads the same from both.
 */

/** Largest request body accepted, in bytes; larger bodies get 413. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** The detail of a 413. */
export const BODY_TOO_LARGE_DETAIL = `The body exceeds the limit of ${BODY_LIMIT_BYTES} bytes.`;

/** The detail of a 400 whose body ended before the length its Content-Length header announced. */
export const INCOMPLETE_BODY_DETAIL =
  'The body ended before the length its Content-Length header gave.';

/** The detail of a 400 whose body is not JSON. */
export const MALFORMED_JSON_DETAIL = 'The body is not valid JSON.';

/** The detail of a 400 whose body is not UTF-8, the only encoding JSON bodies are read in. */
export const INVALID_UTF8_DETAIL = 'The body is not valid UTF-8.';

/** The detail of a 400 whose body gives one object the same key twice, at its JSON Pointer. */
export const duplicateKeyDetail = (pointer: string): string =>
  `The body gives the key at ${pointer} twice in one object.`;

/** The detail of a 400 whose body carries a prototype-polluting key. */
export const FORBIDDEN_KEY_DETAIL =
  'The body contains a forbidden key (__proto__, or prototype under constructor).';

/** The detail of a 415: what was sent instead of JSON. */
export const unsupportedMediaTypeDetail = (contentType: string | null | undefined): string =>
  `Send the body as application/json; got ${contentType ?? 'no Content-Type'}.`;

/** The detail of a 415 for JSON in another encoding than UTF-8. */
export const unsupportedCharsetDetail = (charset: string): string =>
  `Send the body in UTF-8; got charset=${charset}.`;
