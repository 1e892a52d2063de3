export * from './credentials.js';
export * from './event-stream.js';
export * from './gate.js';
export * from './json-body.js';
