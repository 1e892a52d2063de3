/**
 * @textpulse/contracts — the schemas and endpoint declarations of the TextPulse API.
 * Browser-safe: the OpenAPI builder lives in the "@textpulse/contracts/openapi" entry.
 */
export * from './analyses.js';
export * from './analyze.js';
export * from './declaration.js';
export * from './endpoints.js';
export * from './health.js';
export * from './problem.js';
export * from './prompt.js';
export * from './prompt-stream.js';
export * from './query.js';
export * from './request-body.js';
export * from './validation.js';
