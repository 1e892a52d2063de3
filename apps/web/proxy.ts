import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy } from './lib/security-headers';

/**
 * Gives every page a fresh nonce and its Content-Security-Policy. Next reads the policy from the
 * request headers and puts the nonce on the scripts it renders; the browser gets the same policy.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Pages only: not the route handlers (JSON) nor the static files, which need no nonce.
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [{ type: 'header', key: 'next-router-prefetch' }],
    },
  ],
};
