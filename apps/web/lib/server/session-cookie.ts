import 'server-only';
import { SESSION_COOKIE } from '@textpulse/contracts';
import { cookies } from 'next/headers';
import { parseSetCookie } from 'set-cookie-parser';

/**
 * The session cookie of a browser's request, as `name=value` to send on to the API; undefined
 * when it has none. Its other cookies stay here.
 */
export function sessionCookieOf(headers: Headers): string | undefined {
  for (const pair of (headers.get('cookie') ?? '').split(';')) {
    const cookie = pair.trim();
    if (cookie.startsWith(`${SESSION_COOKIE}=`) && cookie.length > SESSION_COOKIE.length + 1) {
      return cookie;
    }
  }
  return undefined;
}

/**
 * Sets on this web app's answer the cookies the API set or cleared (sign-in, sign-out): the
 * browser keeps the session first-party, for this origin. Only the session cookie passes; its
 * attributes (httpOnly, SameSite=Lax, Secure in production, Max-Age) are the API's.
 */
export async function relaySessionCookies(setCookies: readonly string[]): Promise<void> {
  const jar = await cookies();
  // Values decoded here, encoded again by Next as the API encoded them.
  for (const cookie of parseSetCookie([...setCookies])) {
    if (cookie.name !== SESSION_COOKIE) continue;
    jar.set(cookie.name, cookie.value, {
      path: cookie.path ?? '/',
      httpOnly: cookie.httpOnly ?? true,
      secure: cookie.secure ?? false,
      sameSite: 'lax',
      ...(cookie.maxAge === undefined ? {} : { maxAge: cookie.maxAge }),
      ...(cookie.expires === undefined ? {} : { expires: cookie.expires }),
    });
  }
}

/** Forgets the session cookie in the browser (after sign-out, or when the API says it is over). */
export async function forgetSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
