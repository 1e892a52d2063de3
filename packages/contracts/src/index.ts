/**
 * @textpulse/contracts — the schemas and endpoint declarations of the TextPulse API.
 * Browser-safe, and nothing but zod: the OpenAPI document is built by @textpulse/openapi. Each
 * operation's module (its schemas and declaration) is registered, and re-exported, in endpoints.ts.
 */
export * from './declaration.js';
export * from './endpoints.js';
export * from './problem.js';
export * from './query.js';
export * from './request-body.js';
export * from './validation.js';
