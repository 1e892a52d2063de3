export * from './built.js';
export * from './children.js';
export * from './server.js';
