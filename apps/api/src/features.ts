/**
 * The production features an app is built from, each of which can be left out: main.ts builds
 * the API with every one of them; createApp takes the list, so that a measurement can build one
 * without some. Request logging is not among them: LOG_LEVEL=warn leaves it out.
 */
export const FEATURES = [
  'rate-limit',
  'request-id',
  'security-headers',
  'cors',
  'response-check',
] as const;
export type Feature = (typeof FEATURES)[number];

/** The features of an app: a set, for the checks made while it is built. */
export type Features = ReadonlySet<Feature>;

export const ALL_FEATURES: Features = new Set(FEATURES);
