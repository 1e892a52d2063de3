import { Inject, Injectable } from '@nestjs/common';
import type { Account, ApiKey, BodyOf, Endpoints, ResultOf, Session } from '@textpulse/contracts';
import { APIError } from 'better-auth/api';
import { sql } from 'drizzle-orm';
import {
  AccountExistsError,
  EmailNotVerifiedError,
  ForbiddenError,
  InvalidCredentialsError,
  LinkExpiredError,
  NotFoundError,
  UnauthorizedError,
} from '../common/problems/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { Mailer } from '../mail/mailer.js';
import { Storage } from '../storage/storage.js';
import { AccountMail } from './account-mail.js';
import { type Auth, createAuth } from './better-auth.js';
import type { Caller, Credentials } from './caller.js';

/** What better-auth needs of a request: its cookies, its client's address and user agent. */
export interface RequestContext {
  readonly cookie?: string | undefined;
  readonly clientIp: string;
  readonly userAgent?: string | undefined;
}

/** An answer that sets or clears cookies. */
export interface WithCookies<T> {
  readonly result: T;
  readonly setCookies: string[];
}

interface UserRecord {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  createdAt: Date;
}

const toAccount = (user: UserRecord): Account => ({
  id: user.id,
  name: user.name,
  email: user.email,
  email_verified: user.emailVerified,
  created_at: user.createdAt.toISOString(),
});

interface KeyRecord {
  id: string;
  name: string | null;
  start: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

const toApiKey = (key: KeyRecord): ApiKey => ({
  id: key.id,
  name: key.name ?? '',
  start: key.start ?? '',
  created_at: key.createdAt.toISOString(),
  expires_at: key.expiresAt?.toISOString() ?? null,
});

const linkExpired = () =>
  new LinkExpiredError('The link is unknown, was used already or has expired: ask for a new one.');

/** What better-auth answers to a link's token it cannot use: unknown, expired, or its account gone. */
const LINK_REFUSALS = new Set(['INVALID_TOKEN', 'TOKEN_EXPIRED', 'USER_NOT_FOUND']);

/** `work`, which uses a link's token; a refusal of the token is the catalog's link-expired. */
async function usingLink<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const code =
      error instanceof APIError ? (error.body as { code?: string } | undefined)?.code : '';
    throw LINK_REFUSALS.has(code ?? '') ? linkExpired() : error;
  }
}

/** better-auth's error codes, as the catalog's problems. */
function domainErrorOf(error: unknown): unknown {
  if (!(error instanceof APIError)) return error;
  const code = (error.body as { code?: string } | undefined)?.code ?? '';
  if (code.startsWith('USER_ALREADY_EXISTS')) {
    return new AccountExistsError('An account with this email exists already.');
  }
  if (code === 'INVALID_EMAIL_OR_PASSWORD') {
    return new InvalidCredentialsError('The email and password match no account.');
  }
  if (code === 'INVALID_PASSWORD') return new ForbiddenError('The password is wrong.');
  if (code === 'EMAIL_NOT_VERIFIED') {
    return new EmailNotVerifiedError('Verify your email address first: we sent a new link to it.');
  }
  return error;
}

const SECONDS_PER_DAY = 86_400;

/**
 * The Cookie header a browser would send after these Set-Cookie lines: a later line replaces an
 * earlier one of the same name (better-auth clears a stale session cookie, then sets a new one).
 */
function cookieHeaderAfter(setCookies: readonly string[]): string {
  const jar = new Map<string, string>();
  for (const line of setCookies) {
    const [pair = ''] = line.split(';', 1);
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * Accounts, sessions and API keys, kept by better-auth in the API's database. Every call goes
 * through Storage.run, so a database that cannot answer is a 503 here too; better-auth's errors
 * become the catalog's problems.
 */
@Injectable()
export class AuthService {
  private auth: Auth | undefined;
  private readonly mail: AccountMail;

  constructor(
    private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    mailer: Mailer,
  ) {
    this.mail = new AccountMail(mailer, config.mail.linkOrigin);
  }

  private async call<T>(work: (auth: Auth) => Promise<T>): Promise<T> {
    try {
      return await this.storage.run(async (db) => {
        this.auth ??= createAuth(db, this.config, this.mail);
        return await work(this.auth);
      });
    } catch (error) {
      throw domainErrorOf(error);
    }
  }

  private static headers(context: RequestContext): Headers {
    const headers = new Headers({ 'x-textpulse-client-ip': context.clientIp });
    if (context.cookie !== undefined) headers.set('cookie', context.cookie);
    if (context.userAgent !== undefined) headers.set('user-agent', context.userAgent);
    return headers;
  }

  /**
   * Who the credentials belong to, or undefined when they are unknown, expired or revoked. A
   * database that cannot answer is a StorageUnavailableError (503), never a 401: better-auth
   * answers "not valid" when its query fails, so a refusal is checked against the database.
   */
  async identify(credentials: Credentials): Promise<Caller | undefined> {
    const caller = await this.lookUp(credentials);
    if (!caller) await this.storage.run((db) => db.execute(sql`select 1`));
    return caller;
  }

  private lookUp(credentials: Credentials): Promise<Caller | undefined> {
    return this.call(async (auth) => {
      if (credentials.kind === 'api-key') {
        const verified = await auth.api.verifyApiKey({ body: { key: credentials.key } });
        if (!verified.valid || !verified.key) return undefined;
        return { userId: verified.key.referenceId, via: 'api-key' };
      }
      const found = await auth.api.getSession({
        headers: new Headers({ cookie: credentials.cookie }),
        query: { disableCookieCache: true },
      });
      return found ? { userId: found.user.id, via: 'session' } : undefined;
    });
  }

  /**
   * Makes the account and signs it in; where addresses must be verified, starts no session and
   * mails a link instead (better-auth then gives an address that has an account the same answer).
   */
  signUp(
    body: BodyOf<Endpoints['signUp']>,
    context: RequestContext,
  ): Promise<WithCookies<ResultOf<Endpoints['signUp']>>> {
    return this.call(async (auth) => {
      const { headers, response } = await auth.api.signUpEmail({
        body,
        headers: AuthService.headers(context),
        returnHeaders: true,
      });
      if (response.token === null) {
        return { result: { account: toAccount(response.user), expires_at: null }, setCookies: [] };
      }
      return this.withSession(auth, headers);
    });
  }

  signIn(
    body: BodyOf<Endpoints['signIn']>,
    context: RequestContext,
  ): Promise<WithCookies<ResultOf<Endpoints['signIn']>>> {
    return this.call(async (auth) => {
      const { headers } = await auth.api.signInEmail({
        body,
        headers: AuthService.headers(context),
        returnHeaders: true,
      });
      return this.withSession(auth, headers);
    });
  }

  /** The session that the cookies just set carry, with those cookies. */
  private async withSession(auth: Auth, headers: Headers): Promise<WithCookies<Session>> {
    const setCookies = headers.getSetCookie();
    const cookie = cookieHeaderAfter(setCookies);
    const found = await auth.api.getSession({ headers: new Headers({ cookie }) });
    if (!found) throw new Error('better-auth answered without a session');
    return {
      result: { account: toAccount(found.user), expires_at: found.session.expiresAt.toISOString() },
      setCookies,
    };
  }

  /**
   * Mails a link to set a new password if an account uses the address; the same answer, as
   * soon, when none does.
   */
  requestPasswordReset(
    body: BodyOf<Endpoints['requestPasswordReset']>,
    context: RequestContext,
  ): Promise<void> {
    return this.call(async (auth) => {
      await auth.api.requestPasswordReset({
        body: { email: body.email },
        headers: AuthService.headers(context),
      });
    });
  }

  /** Sets a new password with a reset link's token, which then stops working; sessions end. */
  resetPassword(body: BodyOf<Endpoints['resetPassword']>, context: RequestContext): Promise<void> {
    return this.call(async (auth) => {
      await usingLink(
        auth.api.resetPassword({
          body: { token: body.token, newPassword: body.new_password },
          headers: AuthService.headers(context),
        }),
      );
    });
  }

  /** Verifies the address a link's token names, and signs its account in. */
  verifyEmail(
    body: BodyOf<Endpoints['verifyEmail']>,
    context: RequestContext,
  ): Promise<WithCookies<ResultOf<Endpoints['verifyEmail']>>> {
    return this.call(async (auth) => {
      const { headers } = await usingLink(
        auth.api.verifyEmail({
          query: { token: body.token },
          headers: AuthService.headers(context),
          returnHeaders: true,
        }),
      );
      // better-auth answers a verified address's link with no session: it was used already.
      if (headers.getSetCookie().length === 0) throw linkExpired();
      return this.withSession(auth, headers);
    });
  }

  session(context: RequestContext): Promise<ResultOf<Endpoints['getSession']>> {
    return this.call(async (auth) => {
      const found = await auth.api.getSession({
        headers: AuthService.headers(context),
        query: { disableCookieCache: true },
      });
      if (!found) throw new UnauthorizedError('The session ended.');
      return { account: toAccount(found.user), expires_at: found.session.expiresAt.toISOString() };
    });
  }

  signOut(context: RequestContext): Promise<WithCookies<void>> {
    return this.call(async (auth) => {
      const { headers } = await auth.api.signOut({
        headers: AuthService.headers(context),
        returnHeaders: true,
      });
      return { result: undefined, setCookies: headers.getSetCookie() };
    });
  }

  changePassword(
    body: BodyOf<Endpoints['changePassword']>,
    context: RequestContext,
  ): Promise<WithCookies<void>> {
    return this.call(async (auth) => {
      const { headers } = await auth.api.changePassword({
        body: {
          currentPassword: body.current_password,
          newPassword: body.new_password,
          revokeOtherSessions: true,
        },
        headers: AuthService.headers(context),
        returnHeaders: true,
      });
      return { result: undefined, setCookies: headers.getSetCookie() };
    });
  }

  /** Deletes the account; its sessions, keys and analyses go with it (foreign keys cascade). */
  deleteAccount(
    body: BodyOf<Endpoints['deleteAccount']>,
    context: RequestContext,
  ): Promise<WithCookies<void>> {
    return this.call(async (auth) => {
      const { headers } = await auth.api.deleteUser({
        body: { password: body.password },
        headers: AuthService.headers(context),
        returnHeaders: true,
      });
      return { result: undefined, setCookies: headers.getSetCookie() };
    });
  }

  createApiKey(
    body: BodyOf<Endpoints['createApiKey']>,
    context: RequestContext,
  ): Promise<ResultOf<Endpoints['createApiKey']>> {
    return this.call(async (auth) => {
      const created = await auth.api.createApiKey({
        body: {
          name: body.name,
          ...(body.expires_in_days === undefined
            ? {}
            : { expiresIn: body.expires_in_days * SECONDS_PER_DAY }),
        },
        headers: AuthService.headers(context),
      });
      return { ...toApiKey(created), key: created.key };
    });
  }

  listApiKeys(context: RequestContext): Promise<ResultOf<Endpoints['listApiKeys']>> {
    return this.call(async (auth) => {
      const { apiKeys } = await auth.api.listApiKeys({ headers: AuthService.headers(context) });
      const newestFirst = [...apiKeys].sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
      );
      return { items: newestFirst.map(toApiKey) };
    });
  }

  revokeApiKey(id: string, context: RequestContext): Promise<void> {
    return this.call(async (auth) => {
      try {
        await auth.api.deleteApiKey({ body: { keyId: id }, headers: AuthService.headers(context) });
      } catch (error) {
        if (error instanceof APIError && error.statusCode === 404) {
          throw new NotFoundError(`No API key of yours has the id ${id}.`);
        }
        throw error;
      }
    });
  }
}
