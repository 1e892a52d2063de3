import { PROBLEM_MEDIA_TYPE, type Problem } from '@textpulse/contracts/problem';

/** A problem+json response, as the API would send it. */
export function problemResponse(body: Problem): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_MEDIA_TYPE },
  });
}
