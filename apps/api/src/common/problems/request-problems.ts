import type { FastifyRequest } from 'fastify';

/** The request path without its query string: the `instance` of a problem. */
export const instanceOf = (request: FastifyRequest) => request.url.split('?', 1)[0] ?? '/';
