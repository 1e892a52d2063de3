export * from './causes.js';
export * from './environment.js';
export * from './telemetry.js';
