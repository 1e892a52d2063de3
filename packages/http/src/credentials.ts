import { SESSION_COOKIE } from '@textpulse/contracts';

/** What a request offers as proof of who it is. */
export type Credentials =
  | { readonly kind: 'api-key'; readonly key: string }
  | { readonly kind: 'session'; readonly cookie: string };

/** The headers that carry credentials, as a server reads them. */
export interface CredentialHeaders {
  readonly authorization?: string | null | undefined;
  readonly cookie?: string | null | undefined;
}

const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;
const SESSION_COOKIE_SET = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE.replace('.', '\\.')}=`);

/**
 * The credentials of a request: an API key as `Authorization: Bearer` (which wins when both are
 * sent), else the session cookie; undefined when it sends neither, 'malformed' for an
 * Authorization header that is not a bearer token.
 */
export function credentialsOf({
  authorization,
  cookie,
}: CredentialHeaders): Credentials | 'malformed' | undefined {
  if (authorization !== undefined && authorization !== null) {
    const key = BEARER.exec(authorization)?.[1];
    return key === undefined ? 'malformed' : { kind: 'api-key', key };
  }
  if (cookie !== undefined && cookie !== null && SESSION_COOKIE_SET.test(cookie)) {
    return { kind: 'session', cookie };
  }
  return undefined;
}
