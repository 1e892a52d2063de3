/** A 300-character English text, the body of every valid analyze request in the benchmarks. */
export const TEXT_300 = (
  'Ada Lovelace wrote the first program in London, and the team at Acme Corp is not unhappy with it. ' +
  'The new release is fast and the docs are clear, but the setup still takes too long on older laptops. ' +
  'Overall, people seem to like it and want more examples for teams in Berlin and Paris next year!!'
).slice(0, 300);

/** A 5000-character text for the engine micro-benchmarks. */
export const TEXT_5000 = TEXT_300.repeat(17).slice(0, 5000);

export const VALID_BODY = JSON.stringify({ text: TEXT_300 });

/** Too short: the 422 path. */
export const INVALID_BODY = JSON.stringify({ text: 'too short' });

/** The two loads of POST /v1/analyze, each with the one status every response must have. */
export const ANALYZE_PATHS = [
  { name: 'valid (200)', body: VALID_BODY, expect: 200 },
  { name: 'invalid (422)', body: INVALID_BODY, expect: 422 },
] as const;
