import secureJson from 'secure-json-parse';
import { FORBIDDEN_KEY_DETAIL, MALFORMED_JSON_DETAIL } from './request-body.js';

/** A JSON body parsed, or why it could not be: the detail of its 400. */
export type JsonBody = { success: true; data: unknown } | { success: false; detail: string };

/**
 * Parses a request body the way every TextPulse server does: with secure-json-parse, which
 * refuses __proto__ and constructor.prototype keys, so a polluting body is a 400 as well as
 * malformed JSON, worded the same by the API, the web route handlers and the benchmark floor.
 */
export function parseJsonBody(text: string): JsonBody {
  try {
    return { success: true, data: secureJson.parse(text) as unknown };
  } catch (error) {
    const forbidden = error instanceof SyntaxError && /forbidden prototype/.test(error.message);
    return { success: false, detail: forbidden ? FORBIDDEN_KEY_DETAIL : MALFORMED_JSON_DETAIL };
  }
}
