import { PROBLEM_MEDIA_TYPE, type Problem, problem } from '@textpulse/contracts/problem';
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
    problem('method-not-allowed', {
      detail: `${request.method} is not allowed here; use POST.`,
      instance,
    }),
    { allow: 'POST', 'x-request-id': requestIdOf(request.headers) },
  );
