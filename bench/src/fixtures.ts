/** A 300-character English text, the body of every valid analyze request in the benchmarks. */
export const TEXT_300 = (
  'Ada Lovelace wrote the first program in London, and the team at Acme Corp is not unhappy with it. ' +
  'The new release is fast and the docs are clear, but the setup still takes too long on older laptops. ' +
  'Overall, people seem to like it and want more examples for teams in Berlin and Paris next year!!'
).slice(0, 300);

/** A 5000-character text for the engine micro-benchmarks. */
export const TEXT_5000 = TEXT_300.repeat(17).slice(0, 5000);

/** An 8000-character prompt, the longest the contract takes: the local model's worst case. */
export const TEXT_8000 = TEXT_300.repeat(27).slice(0, 8000);

export const VALID_BODY = JSON.stringify({ text: TEXT_300 });

/** Too short: the 422 path. */
export const INVALID_BODY = JSON.stringify({ text: 'too short' });

/** The two loads of POST /v1/analyze, each with the one status every response must have. */
export const ANALYZE_PATHS = [
  { name: 'valid (200)', body: VALID_BODY, expect: 200 },
  { name: 'invalid (422)', body: INVALID_BODY, expect: 422 },
] as const;

/** A POST /v1/analyze and the status it must get; sent as application/json unless told. */
export interface SampleRequest {
  name: string;
  body: string;
  expect: number;
  contentType?: string;
  /** Headers beside Content-Type, such as the caller's Authorization. */
  headers?: Record<string, string>;
}

/**
 * Requests whose answers are checked against openapi.json before a target is loaded: the two
 * loads, and a few more valid and invalid bodies of each kind the contract answers.
 */
export const ANSWER_SAMPLE: readonly SampleRequest[] = [
  ...ANALYZE_PATHS,
  {
    name: 'valid, entities',
    body: JSON.stringify({ text: TEXT_300, extract_entities: true }),
    expect: 200,
  },
  {
    name: 'valid, negative',
    body: JSON.stringify({ text: 'This is slow, broken and awful.' }),
    expect: 200,
  },
  { name: 'no text', body: '{}', expect: 422 },
  {
    name: 'text not a string',
    body: JSON.stringify({ text: 42, extract_entities: 'yes' }),
    expect: 422,
  },
  {
    name: 'text too long',
    body: JSON.stringify({ text: TEXT_5000.padEnd(5001, '.') }),
    expect: 422,
  },
  { name: 'malformed JSON', body: '{"text":', expect: 400 },
  {
    name: 'forbidden key',
    body: `{"text":${JSON.stringify(TEXT_300)},"__proto__":{"x":1}}`,
    expect: 400,
  },
  { name: 'not JSON', body: TEXT_300, contentType: 'text/plain', expect: 415 },
];
