import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../common/problems/domain-errors.js';
import type { RequestContext } from './auth.service.js';

/** Who makes a request: a person, through their session or one of their API keys. */
export interface Caller {
  readonly userId: string;
  readonly via: 'session' | 'api-key';
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller of the request; undefined when anonymous (or its credentials failed). */
    caller: Caller | undefined;
  }
}

export type { Credentials } from '@textpulse/http';

const requestOf = (context: ExecutionContext) =>
  context.switchToHttp().getRequest<FastifyRequest>();

/** The verified caller of an operation that needs one (access `user` or `session`). */
export const SignedIn = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const { caller } = requestOf(context);
  // The authentication hook lets no request without a caller reach such a handler.
  if (!caller) throw new UnauthorizedError('This operation needs a caller.');
  return caller;
});

/** The caller of an operation with `optional` access, when there is one. */
export const MaybeSignedIn = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller | undefined => requestOf(context).caller,
);

/** What better-auth reads of a request: its cookies, its client's address, its user agent. */
export const AuthRequest = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestContext => {
    const request = requestOf(context);
    return {
      cookie: request.headers.cookie,
      clientIp: request.ip,
      userAgent: request.headers['user-agent'],
    };
  },
);
