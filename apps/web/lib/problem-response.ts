import { PROBLEM_MEDIA_TYPE, type Problem } from '@textpulse/contracts/problem';
import { requestIdOf } from './request-id';

/** A problem+json response, as the API would send it. */
export function problemResponse(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { ...headers, 'content-type': PROBLEM_MEDIA_TYPE },
  });
}

/** The handler of every method a POST-only route does not serve: 405 problem+json with Allow. */
export const methodNotAllowed = (instance: string) => (request: Request) =>
  problemResponse(
    {
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      detail: `${request.method} is not allowed here; use POST.`,
      instance,
    },
    { allow: 'POST', 'x-request-id': requestIdOf(request.headers) },
  );
