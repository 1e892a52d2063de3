import {
  duplicateKeyDetail,
  FORBIDDEN_KEY_DETAIL,
  MALFORMED_JSON_DETAIL,
  toJsonPointer,
} from '@textpulse/contracts';
import { createScanner } from 'jsonc-parser';

// The tokens of jsonc-parser's SyntaxKind, which its types declare as an ambient const enum (not
// a value that verbatimModuleSyntax lets this file read).
const Token = {
  OpenBrace: 1,
  CloseBrace: 2,
  OpenBracket: 3,
  CloseBracket: 4,
  Comma: 5,
  EOF: 17,
} as const;

/** A JSON text parsed, or why it could not be: the detail of its 400. */
export type JsonBody = { success: true; data: unknown } | { success: false; detail: string };

/** An object being read: its keys so far, the key of the value being read, whether a key is next. */
interface ObjectLevel {
  readonly keys: Set<string>;
  at: string;
  expectKey: boolean;
}

/** An array being read: the index of the value being read. */
interface ArrayLevel {
  readonly keys?: undefined;
  at: number;
}

type Level = ObjectLevel | ArrayLevel;

/**
 * The first key that no body may carry: one object's key given twice (JSON.parse would keep the
 * last silently, so the client and the server would disagree about what was sent), `__proto__`,
 * or `prototype` under `constructor` (prototype pollution once merged into another object).
 * Reads a text JSON.parse accepted with jsonc-parser's scanner, which decodes the keys' escapes
 * ("\u0061" repeats "a"), keeping its own stack so that no nesting depth overflows the call stack.
 */
function forbiddenKey(text: string): string | undefined {
  const scanner = createScanner(text, true);
  const levels: Level[] = [];
  for (let token: number = scanner.scan(); token !== Token.EOF; token = scanner.scan()) {
    const level = levels.at(-1);
    // Stryker disable next-line StringLiteral: an object's first key is read before anything sits under it.
    if (token === Token.OpenBrace) levels.push({ keys: new Set(), at: '', expectKey: true });
    else if (token === Token.OpenBracket) levels.push({ at: 0 });
    else if (token === Token.CloseBrace || token === Token.CloseBracket) levels.pop();
    else if (token === Token.Comma && level) {
      if (level.keys) level.expectKey = true;
      else level.at += 1;
    } else if (level?.keys && level.expectKey) {
      // In a text JSON.parse accepted, the token after `{` or an object's comma is its next key.
      const key = scanner.getTokenValue();
      level.expectKey = false;
      level.at = key;
      if (level.keys.has(key)) return duplicateKeyDetail(toJsonPointer(levels.map((l) => l.at)));
      level.keys.add(key);
      const parent = levels.at(-2);
      if (
        key === '__proto__' ||
        (key === 'prototype' && parent?.keys && parent.at === 'constructor')
      )
        return FORBIDDEN_KEY_DETAIL;
    }
  }
  return undefined;
}

/**
 * Parses a JSON text as every TextPulse server does: strictly (JSON.parse), and refusing a
 * repeated key and the prototype-polluting keys, each a 400 with its own detail.
 */
export function parseJsonBody(text: string): JsonBody {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { success: false, detail: MALFORMED_JSON_DETAIL };
  }
  const detail = forbiddenKey(text);
  return detail === undefined ? { success: true, data } : { success: false, detail };
}
