import { problem } from '@textpulse/contracts/problem';
import { problemResponse } from '@/lib/server/problem-response';
import { requestIdOf } from '@/lib/server/request-id';

/** Any path under /api that no route handler serves: 404 problem+json, whatever the method. */
function notFound(request: Request): Response {
  return problemResponse(
    problem('not-found', { detail: `No route handler serves ${request.method} here.` }),
    { 'x-request-id': requestIdOf(request.headers) },
  );
}

export {
  notFound as DELETE,
  notFound as GET,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};
