import 'server-only';

/**
 * Whether a browser sent this request from another site: its Origin names another host than the
 * one it was sent to (or, without Origin, Fetch Metadata says cross-site). Such a request must not
 * act with the person's session cookie (CSRF): route handlers and, in the proxy, Server Actions
 * ask it.
 */
export function fromAnotherSite(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return headers.get('sec-fetch-site') === 'cross-site';
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
