import type { AnyEndpoint } from '@textpulse/contracts';
import { credentialsOf } from '@textpulse/http';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../common/problems/domain-errors.js';
import { sendError } from '../common/problems/problem.filter.js';
import type { AuthService } from './auth.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why the request may not call `endpoint` (an error the problem filter answers), or undefined
 * once its caller, if any, is on the request.
 */
async function refusalOf(
  request: FastifyRequest,
  endpoint: AnyEndpoint,
  auth: AuthService,
  trustedOrigins: ReadonlySet<string>,
): Promise<Error | undefined> {
  const credentials = credentialsOf(request.headers);
  if (credentials === undefined) {
    return endpoint.access === 'optional'
      ? undefined
      : new UnauthorizedError(
          'This operation needs a session cookie or an API key (Authorization: Bearer).',
        );
  }
  if (credentials === 'malformed') {
    return new UnauthorizedError('The Authorization header must be "Bearer <API key>".');
  }
  const caller = await auth.identify(credentials);
  if (!caller) {
    return new UnauthorizedError(
      'The API key or session is unknown, expired, revoked or signed out.',
    );
  }
  if (endpoint.access === 'session' && caller.via === 'api-key') {
    return new ForbiddenError('Only a signed-in session may do this, not an API key.');
  }
  const { origin } = request.headers;
  const crossSite = origin !== undefined && !trustedOrigins.has(origin);
  if (caller.via === 'session' && !SAFE_METHODS.has(request.method) && crossSite) {
    return new ForbiddenError('A request with a session cookie must come from a trusted origin.');
  }
  request.caller = caller;
  return undefined;
}

/**
 * A public operation identifies a caller who sends credentials, for the rate limit's bucket only:
 * credentials it cannot verify (unknown, expired, malformed, or a database that cannot answer)
 * leave the request anonymous, counted by its address, and refused nothing.
 */
function identifyIfOffered(auth: () => AuthService): onRequestHookHandler {
  return async (request) => {
    const credentials = credentialsOf(request.headers);
    if (credentials === undefined || credentials === 'malformed') return;
    request.caller = await auth()
      .identify(credentials)
      .catch(() => undefined);
  };
}

/**
 * Finds who calls an operation whose access is not public, before anything else of the request
 * is read: without a valid caller where one is needed, 401; an API key on a session-only
 * operation, 403; a change made with a session cookie from an origin that is not trusted, 403
 * (CSRF). Credentials sent to an `optional` operation are checked as well.
 */
function authenticate(
  endpoint: AnyEndpoint,
  auth: () => AuthService,
  trustedOrigins: ReadonlySet<string>,
): onRequestHookHandler {
  return async (request, reply) => {
    const refusal = await refusalOf(request, endpoint, auth(), trustedOrigins).catch(
      (error: unknown) => error,
    );
    if (refusal === undefined) return;
    sendError(request, reply, refusal);
    return reply;
  };
}

/**
 * Attaches authentication to every contract route as Fastify adds it, ahead of the rate limit
 * (registered after this), which then counts a verified caller in their own bucket.
 */
export function registerAuthentication(
  fastify: FastifyInstance,
  auth: () => AuthService,
  trustedOrigins: readonly string[],
): void {
  fastify.decorateRequest('caller', undefined);
  const trusted = new Set(trustedOrigins);
  fastify.addHook('onRoute', (route) => {
    const endpoint = route.config?.endpoint;
    if (!endpoint) return;
    const hook =
      endpoint.access === 'public'
        ? identifyIfOffered(auth)
        : authenticate(endpoint, auth, trusted);
    route.onRequest = [route.onRequest ?? [], hook].flat();
  });
}
