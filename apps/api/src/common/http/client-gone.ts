import type { FastifyReply } from 'fastify';

/** The reason a request's work is abandoned when its client closes the connection early. */
export class ClientGoneError extends Error {
  override name = 'AbortError';
  constructor() {
    super('The client closed the connection before its answer');
  }
}

/** A signal that aborts when the client closes the connection before its answer was sent. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new ClientGoneError());
  });
  return controller.signal;
}
