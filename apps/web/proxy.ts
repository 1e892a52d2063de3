import { MALFORMED_URL_DETAIL, problem } from '@textpulse/contracts/problem';
import { type NextRequest, NextResponse } from 'next/server';
import { problemResponse } from '@/lib/server/problem-response';
import { requestIdOf } from '@/lib/server/request-id';
import { fromAnotherSite } from '@/lib/server/same-origin';
import { contentSecurityPolicy } from '@/lib/server/security-headers';

/** Whether every percent escape of `path` decodes, to UTF-8 (Next answers the others with a bare 500). */
function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives every page a request id and a fresh nonce with its Content-Security-Policy: Next reads
 * the policy from the request headers and puts the nonce on the scripts it renders; the browser
 * gets the same policy and id, and the page's calls to the API carry the id. A path that cannot
 * be decoded gets the not-found page (a route handler's path, 400 problem+json). A POST to a page
 * is a Server Action: from another site, it is refused with 403 problem+json before it runs, with
 * or without JavaScript (Next would refuse it too, with a bare 500).
 */
export function proxy(request: NextRequest) {
  const requestId = requestIdOf(request.headers);
  const path = request.nextUrl.pathname;
  if (path.startsWith('/api/')) {
    if (decodable(path)) return NextResponse.next();
    return problemResponse(problem('malformed-request', { detail: MALFORMED_URL_DETAIL }), {
      'x-request-id': requestId,
    });
  }
  if (request.method === 'POST' && fromAnotherSite(request.headers)) {
    const detail = 'A Server Action must come from a page of this site.';
    return problemResponse(problem('forbidden', { detail, instance: path }), {
      'x-request-id': requestId,
    });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  headers.set('x-request-id', requestId);
  const response = decodable(path)
    ? NextResponse.next({ request: { headers } })
    : NextResponse.rewrite(new URL('/_not-found', request.url), { request: { headers } });
  response.headers.set('content-security-policy', policy);
  response.headers.set('x-request-id', requestId);
  return response;
}

export const config = {
  matcher: [
    // Pages: not the route handlers (JSON) nor the static files, which need no nonce.
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [{ type: 'header', key: 'next-router-prefetch' }],
    },
    // A route handler's path with a percent escape: none of theirs has one, and an escape that
    // does not decode would get Next's bare 500. Only these: the proxy would buffer every body.
    '/api/:path(.*%.*)',
  ],
};
