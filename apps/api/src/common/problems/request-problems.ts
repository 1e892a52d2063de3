import type { FastifyRequest } from 'fastify';

/** The request path without its query string: the `instance` of a problem. */
export const instanceOf = (request: FastifyRequest) => request.url.split('?', 1)[0] ?? '/';

/** The detail of a 415: what was sent instead of JSON. */
export const unsupportedMediaTypeDetail = (contentType: string | undefined) =>
  `Send the body as application/json; got ${contentType ?? 'no Content-Type'}.`;
