import 'server-only';
import { randomUUID } from 'node:crypto';
import { REQUEST_ID_PATTERN } from '@textpulse/contracts';

/**
 * The id that follows a request from the browser through the web tier to the API and its logs:
 * the caller's X-Request-Id when the API would accept it, else a new one.
 */
export function requestIdOf(headers: Headers): string {
  const sent = headers.get('x-request-id');
  return sent !== null && REQUEST_ID_PATTERN.test(sent) ? sent : randomUUID();
}
