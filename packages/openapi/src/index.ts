/**
 * @textpulse/openapi — the OpenAPI 3.1 document of the TextPulse API, built from the contract's
 * endpoint table without booting a server; `pnpm generate` commits it as openapi.json.
 */
export * from './document.js';
