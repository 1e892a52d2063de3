import { apiKey } from '@better-auth/api-key';
import { ACCOUNT_LIMITS, SESSION_COOKIE } from '@textpulse/contracts';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { AppConfig } from '../config.js';
import type { Db } from '../storage/database.js';
import { accounts, apiKeys, sessions, users, verifications } from '../storage/schema.js';
import { type AccountMail, LINK_LIFETIME_S } from './account-mail.js';

/** The prefix of every API key this API makes: a leaked key is recognizable as ours. */
export const API_KEY_PREFIX = 'tp_';

const [cookiePrefix, sessionCookieName] = SESSION_COOKIE.split('.') as [string, string];
if (sessionCookieName !== 'session_token') {
  throw new Error(`SESSION_COOKIE must be <prefix>.session_token, not ${SESSION_COOKIE}`);
}

/**
 * better-auth on the API's own database. Only its server API is used (auth.api.*, called by the
 * auth controller and the authentication hook): its HTTP handler is never mounted, so it serves
 * no route the contract does not declare. Its own rate limits are off: the API's limiter counts.
 */
export function createAuth(db: Db, config: AppConfig, mail: AccountMail) {
  const { requireEmailVerification } = config.auth;
  return betterAuth({
    appName: 'TextPulse',
    secret: config.auth.secret,
    // Which origins are trusted: the web app's. Links in mail are AccountMail's, to its pages.
    baseURL: config.mail.linkOrigin,
    trustedOrigins: config.corsOrigins,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        apikey: apiKeys,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: ACCOUNT_LIMITS.passwordMin,
      maxPasswordLength: ACCOUNT_LIMITS.passwordMax,
      autoSignIn: true,
      requireEmailVerification,
      resetPasswordTokenExpiresIn: LINK_LIFETIME_S,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => mail.passwordReset(user.email, token),
    },
    emailVerification: {
      sendOnSignUp: requireEmailVerification,
      sendOnSignIn: requireEmailVerification,
      autoSignInAfterVerification: true,
      expiresIn: LINK_LIFETIME_S,
      sendVerificationEmail: async ({ user, token }) => mail.verification(user.email, token),
    },
    user: { deleteUser: { enabled: true } },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      cookiePrefix,
      // No __Secure- prefix, so that the cookie has one name everywhere; Secure in production.
      useSecureCookies: false,
      defaultCookieAttributes: {
        secure: config.auth.secureCookies,
        sameSite: 'lax',
        httpOnly: true,
      },
      ipAddress: { ipAddressHeaders: ['x-textpulse-client-ip'] },
    },
    logger: { disabled: true },
    plugins: [
      apiKey({
        defaultPrefix: API_KEY_PREFIX,
        requireName: true,
        maximumNameLength: ACCOUNT_LIMITS.keyNameMax,
        keyExpiration: { minExpiresIn: 1, maxExpiresIn: ACCOUNT_LIMITS.keyExpiryMaxDays },
        rateLimit: { enabled: false },
        startingCharactersConfig: { charactersLength: API_KEY_PREFIX.length + 4 },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
