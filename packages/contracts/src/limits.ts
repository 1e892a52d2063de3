/**
 * The limits the forms show before any validation runs: plain numbers, no Zod, so a page can
 * print them without loading the schemas (the schemas enforce them). Characters are Unicode code
 * points, as Zod 4 and JSON Schema count them.
 */

/** Length limits of the text to analyze, in characters. */
export const ANALYZE_TEXT_LIMITS = { min: 10, max: 5000 } as const;

/** Length limits of a prompt, in characters, and how many models and tokens it may ask for. */
export const PROMPT_LIMITS = { min: 10, max: 8000, maxModels: 5, maxTokens: 4096 } as const;

/** Limits of what a person types to get an account and its API keys. */
export const ACCOUNT_LIMITS = {
  passwordMin: 12,
  passwordMax: 128,
  nameMax: 100,
  emailMax: 254,
  keyNameMax: 32,
  keyExpiryMaxDays: 365,
} as const;
