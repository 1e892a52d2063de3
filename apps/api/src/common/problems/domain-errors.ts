import type { z } from 'zod';

/**
 * A failure a client must hear about, as a service sees it: its message is the problem's detail,
 * its extensions (such as the attempts of a model chain) are added to the problem. Services throw
 * these and never see the request; the problem filter maps each kind to its HTTP status.
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Everything upstream failed (502). */
export class UpstreamFailedError extends DomainError {}

/** The request's deadline passed before an answer (504). */
export class DeadlineExceededError extends DomainError {}

/** The database is down or too slow (503); the client may retry after `retryAfterS`. */
export class StorageUnavailableError extends DomainError {
  constructor(readonly retryAfterS: number) {
    super('The database did not answer; try again shortly.');
  }
}

/** The operation needs a caller, and the request has none that is valid (401). */
export class UnauthorizedError extends DomainError {}

/** An email and password that match no account (401). */
export class InvalidCredentialsError extends DomainError {}

/** The caller may not do this (403). */
export class ForbiddenError extends DomainError {}

/** An account whose email address is not verified yet, where verification is required (403). */
export class EmailNotVerifiedError extends DomainError {}

/** A link from a mail that is unknown, used already or expired (410). */
export class LinkExpiredError extends DomainError {}

/** An account with this email exists already (409). */
export class AccountExistsError extends DomainError {}

/** What the request names does not exist (404). */
export class NotFoundError extends DomainError {}

/** Input the schemas accept but the service cannot (422), with Zod issues relative to the body. */
export class InvalidInputError extends DomainError {
  constructor(readonly zodError: z.ZodError) {
    super(zodError.message);
  }
}
