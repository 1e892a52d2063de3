export * from './built.js';
export * from './caller.js';
export * from './children.js';
export * from './server.js';
