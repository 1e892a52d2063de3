export * from './gate.js';
export * from './json-body.js';
