export * from './causes.js';
export * from './environment.js';
