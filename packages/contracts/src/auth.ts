import { z } from 'zod';
import { defineEndpoint } from './declaration.js';
import { ACCOUNT_LIMITS } from './limits.js';
import { Problem, problem } from './problem.js';

export { ACCOUNT_LIMITS };

const exampleUserId = '019a8b2c-0000-7000-8000-00000000a11c';
const exampleKeyId = '019a8b2c-0000-7000-8000-0000000000ee';

export const Email = z
  .email('Enter an email address, such as ada@example.com.')
  .max(ACCOUNT_LIMITS.emailMax, `Enter at most ${ACCOUNT_LIMITS.emailMax} characters.`)
  .meta({ description: 'The email address of the account.', example: 'ada@example.com' });

/** A new password: long rather than complicated (NIST SP 800-63B). */
export const NewPassword = z
  .string()
  .min(ACCOUNT_LIMITS.passwordMin, `Use at least ${ACCOUNT_LIMITS.passwordMin} characters.`)
  .max(ACCOUNT_LIMITS.passwordMax, `Use at most ${ACCOUNT_LIMITS.passwordMax} characters.`)
  .meta({
    description: `A password of ${ACCOUNT_LIMITS.passwordMin}–${ACCOUNT_LIMITS.passwordMax} characters.`,
    example: 'correct horse battery staple',
  });

/** A password as typed to prove who one is: not judged by today's rules, only bounded. */
const GivenPassword = z
  .string()
  .min(1, 'Enter your password.')
  .max(ACCOUNT_LIMITS.passwordMax, `Use at most ${ACCOUNT_LIMITS.passwordMax} characters.`)
  .meta({ description: 'The password of the account.', example: 'correct horse battery staple' });

/** Body of POST /v1/auth/sign-up. */
export const SignUpRequest = z
  .strictObject({
    name: z
      .string()
      .min(1, 'Enter your name.')
      .max(ACCOUNT_LIMITS.nameMax, `Enter at most ${ACCOUNT_LIMITS.nameMax} characters.`)
      .regex(/\S/, 'Enter your name.')
      .meta({ description: 'How the person is shown.', example: 'Ada Lovelace' }),
    email: Email,
    password: NewPassword,
  })
  .meta({
    id: 'SignUpRequest',
    description: 'A new account. Unknown keys are rejected.',
    example: {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      password: 'correct horse battery staple',
    },
  });
export type SignUpRequest = z.output<typeof SignUpRequest>;

/** Body of POST /v1/auth/sign-in. */
export const SignInRequest = z.strictObject({ email: Email, password: GivenPassword }).meta({
  id: 'SignInRequest',
  description: 'The email and password of an account.',
  example: { email: 'ada@example.com', password: 'correct horse battery staple' },
});
export type SignInRequest = z.output<typeof SignInRequest>;

/** Body of POST /v1/auth/password-reset-requests. */
export const PasswordResetRequest = z.strictObject({ email: Email }).meta({
  id: 'PasswordResetRequest',
  description: 'The email address of the account whose password was forgotten.',
  example: { email: 'ada@example.com' },
});

/** What a link in an email carries: one use, limited in time. */
const LinkToken = z
  .string()
  .min(1, 'The link carries no token: open the link from the email again.')
  .max(2048, 'The token is too long: open the link from the email again.')
  .meta({
    description: 'The token from the link in the email.',
    example: 'Qm9vayBieSBMb3ZlbGFjZQ',
  });

/** Body of POST /v1/auth/password-resets. */
export const ResetPasswordRequest = z
  .strictObject({ token: LinkToken, new_password: NewPassword })
  .meta({
    id: 'ResetPasswordRequest',
    description: 'The token from the reset link, and the new password.',
    example: { token: 'Qm9vayBieSBMb3ZlbGFjZQ', new_password: 'a longer passphrase than before' },
  });

/** Body of POST /v1/auth/email-verifications. */
export const VerifyEmailRequest = z.strictObject({ token: LinkToken }).meta({
  id: 'VerifyEmailRequest',
  description: 'The token from the verification link.',
  example: { token: 'eyJhbGciOiJIUzI1NiJ9…' },
});

/** Body of POST /v1/auth/password. */
export const ChangePasswordRequest = z
  .strictObject({ current_password: GivenPassword, new_password: NewPassword })
  .meta({
    id: 'ChangePasswordRequest',
    description: 'The current password, and the new one.',
    example: {
      current_password: 'correct horse battery staple',
      new_password: 'a longer passphrase than before',
    },
  });

/** Body of DELETE /v1/auth/account. */
export const DeleteAccountRequest = z.strictObject({ password: GivenPassword }).meta({
  id: 'DeleteAccountRequest',
  description: 'The password of the account, to confirm.',
  example: { password: 'correct horse battery staple' },
});

const timestamp = (description: string) =>
  z.iso.datetime({ offset: true }).meta({ description, example: '2026-12-06T12:00:00.000Z' });

const exampleAccount = {
  id: exampleUserId,
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  email_verified: false,
  created_at: '2026-12-06T12:00:00.000Z',
};

/** An account as its owner sees it. */
export const Account = z
  .object({
    id: z.string().meta({ description: 'Id of the account.', example: exampleUserId }),
    name: z.string().meta({ description: 'How the person is shown.', example: 'Ada Lovelace' }),
    email: z.string().meta({ description: 'Email address.', example: 'ada@example.com' }),
    email_verified: z.boolean().meta({ description: 'Whether the email address was verified.' }),
    created_at: timestamp('When the account was made.'),
  })
  .meta({
    id: 'Account',
    description: 'A person with an account.',
    example: exampleAccount,
  });
export type Account = z.output<typeof Account>;

/** Who is signed in, and until when. */
export const Session = z
  .object({
    account: Account,
    expires_at: timestamp('When the session ends unless it is used again.'),
  })
  .meta({
    id: 'Session',
    description: 'The signed-in person and the end of the session.',
    example: {
      account: exampleAccount,
      expires_at: '2026-12-13T12:00:00.000Z',
    },
  });
export type Session = z.output<typeof Session>;

/** The account just made, and its session unless the email address must be verified first. */
export const SignUpResult = z
  .object({
    account: Account,
    expires_at: z.iso.datetime({ offset: true }).nullable().meta({
      description:
        'When the session ends unless it is used again; null when no session was started because the email address must be verified first (a link is on its way).',
      example: '2026-12-13T12:00:00.000Z',
    }),
  })
  .meta({
    id: 'SignUpResult',
    description: 'The new account and, unless it must verify its email address first, its session.',
    example: { account: exampleAccount, expires_at: '2026-12-13T12:00:00.000Z' },
  });
export type SignUpResult = z.output<typeof SignUpResult>;

const SetSessionCookie = z.object({
  'Set-Cookie': z.string().meta({
    description: 'The session cookie (httpOnly, SameSite=Lax; Secure in production).',
    example: 'textpulse.session_token=…; Path=/; HttpOnly; SameSite=Lax',
  }),
});

/** Body of POST /v1/auth/api-keys. */
export const CreateApiKeyRequest = z
  .strictObject({
    name: z
      .string()
      .min(1, 'Name the key.')
      .max(ACCOUNT_LIMITS.keyNameMax, `Use at most ${ACCOUNT_LIMITS.keyNameMax} characters.`)
      .regex(/\S/, 'Name the key.')
      .meta({ description: 'What the key is for.', example: 'nightly export' }),
    expires_in_days: z
      .int()
      .min(1)
      .max(ACCOUNT_LIMITS.keyExpiryMaxDays)
      .optional()
      .meta({
        description: `Days until the key stops working (1–${ACCOUNT_LIMITS.keyExpiryMaxDays}); absent: it works until revoked.`,
        example: 30,
      }),
  })
  .meta({
    id: 'CreateApiKeyRequest',
    description: 'A new API key.',
    example: { name: 'nightly export', expires_in_days: 30 },
  });

const apiKeyFields = {
  id: z.string().meta({ description: 'Id of the key.', example: exampleKeyId }),
  name: z.string().meta({ description: 'What the key is for.', example: 'nightly export' }),
  start: z
    .string()
    .meta({ description: 'The first characters of the key, to recognize it.', example: 'tp_a1b2' }),
  created_at: timestamp('When the key was made.'),
  expires_at: z.iso.datetime({ offset: true }).nullable().meta({
    description: 'When the key stops working; null: never, until revoked.',
    example: '2027-01-05T12:00:00.000Z',
  }),
};

const exampleKey = {
  id: exampleKeyId,
  name: 'nightly export',
  start: 'tp_a1b2',
  created_at: '2026-12-06T12:00:00.000Z',
  expires_at: '2027-01-05T12:00:00.000Z',
};

/** An API key as listed: never the key itself, which is stored hashed. */
export const ApiKey = z.object(apiKeyFields).meta({
  id: 'ApiKey',
  description: 'An API key of the signed-in person (never the key itself).',
  example: exampleKey,
});
export type ApiKey = z.output<typeof ApiKey>;

/** A key just made: the only answer that carries the key. */
export const CreatedApiKey = z
  .object({
    ...apiKeyFields,
    key: z.string().meta({
      description:
        'The key: shown this once, stored only hashed. Send it as Authorization: Bearer.',
      example: 'tp_a1b2c3d4e5f6…',
    }),
  })
  .meta({
    id: 'CreatedApiKey',
    description: 'A new API key, shown once.',
    example: { ...exampleKey, key: 'tp_a1b2c3d4e5f6…' },
  });

export type CreatedApiKey = z.output<typeof CreatedApiKey>;

export const ApiKeyList = z.object({ items: z.array(ApiKey) }).meta({
  id: 'ApiKeyList',
  description: 'The API keys of the signed-in person, newest first.',
  example: { items: [exampleKey] },
});

const credentialsRefused = {
  schema: Problem,
  example: problem('invalid-credentials', {
    detail: 'The email and password match no account.',
    instance: '/v1/auth/sign-in',
  }),
};

/** Set only when a session starts. */
const MaybeSetSessionCookie = z.object({
  'Set-Cookie': SetSessionCookie.shape['Set-Cookie'].optional(),
});

/** POST /v1/auth/sign-up: a new account, signed in. */
export const signUpEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/auth/sign-up',
  operationId: 'signUp',
  summary: 'Make an account',
  description:
    'Makes an account with an email and a password and signs it in: the answer sets the session cookie. Where the API requires verified email addresses, it starts no session: it sends a link to the address instead (expires_at is null), and an address that has an account already gets the same answer.',
  tag: 'auth',
  access: 'public',
  body: SignUpRequest,
  invalidExample: { body: { name: '', email: 'not an email', password: 'short' } },
  rateLimited: true,
  problems: {
    'account-exists': {
      schema: Problem,
      example: problem('account-exists', {
        detail: 'An account with this email exists already.',
        instance: '/v1/auth/sign-up',
      }),
    },
  },
  success: {
    status: 201,
    description: 'Signed up: signed in too, unless the email address must be verified first.',
    schema: SignUpResult,
    headers: MaybeSetSessionCookie,
  },
});

/** POST /v1/auth/sign-in: a session for an email and password. */
export const signInEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/auth/sign-in',
  operationId: 'signIn',
  summary: 'Sign in',
  description:
    'Signs in with an email and a password: the answer sets the session cookie. An unknown email and a wrong password get the same 401. Where the API requires verified email addresses, an account that has not verified its own gets 403 and a new link.',
  tag: 'auth',
  access: 'public',
  body: SignInRequest,
  invalidExample: { body: { email: 'not an email', password: '' } },
  rateLimited: true,
  problems: {
    'invalid-credentials': credentialsRefused,
    'email-not-verified': {
      schema: Problem,
      example: problem('email-not-verified', {
        detail: 'Verify your email address first: we sent a new link to it.',
        instance: '/v1/auth/sign-in',
      }),
    },
  },
  success: {
    status: 200,
    description: 'Signed in.',
    schema: Session,
    headers: SetSessionCookie,
  },
});

const linkExpired = (instance: string) => ({
  schema: Problem,
  example: problem('link-expired', {
    detail: 'The link is unknown, was used already or has expired: ask for a new one.',
    instance,
  }),
});

/** POST /v1/auth/password-reset-requests: mails a link to set a new password. */
export const requestPasswordResetEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/auth/password-reset-requests',
  operationId: 'requestPasswordReset',
  summary: 'Ask for a password reset link',
  description:
    'Mails a link to set a new password to the address, if an account uses it; the link works once, for an hour. The answer is the same whether or not an account uses the address, and comes before the mail is sent.',
  tag: 'auth',
  access: 'public',
  body: PasswordResetRequest,
  invalidExample: { body: { email: 'not an email' } },
  rateLimited: true,
  success: { status: 202, description: 'A link is on its way if an account uses the address.' },
});

/** POST /v1/auth/password-resets: a new password, with the token from a reset link. */
export const resetPasswordEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/auth/password-resets',
  operationId: 'resetPassword',
  summary: 'Set a new password from a reset link',
  description:
    'Sets a new password with the token of a reset link, which then stops working. Every session of the account ends: sign in with the new password.',
  tag: 'auth',
  access: 'public',
  body: ResetPasswordRequest,
  invalidExample: { body: { token: '', new_password: 'short' } },
  rateLimited: true,
  problems: { 'link-expired': linkExpired('/v1/auth/password-resets') },
  success: { status: 204, description: 'The password is set.' },
});

/** POST /v1/auth/email-verifications: verifies an email address with the token from its link. */
export const verifyEmailEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/auth/email-verifications',
  operationId: 'verifyEmail',
  summary: 'Verify an email address',
  description:
    'Marks the email address of the account as verified with the token of its verification link, and signs the account in: the answer sets the session cookie.',
  tag: 'auth',
  access: 'public',
  body: VerifyEmailRequest,
  invalidExample: { body: { token: '' } },
  rateLimited: true,
  problems: { 'link-expired': linkExpired('/v1/auth/email-verifications') },
  success: {
    status: 200,
    description: 'Verified and signed in.',
    schema: Session,
    headers: SetSessionCookie,
  },
});

/** POST /v1/auth/sign-out: ends the session. */
export const signOutEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/auth/sign-out',
  operationId: 'signOut',
  summary: 'Sign out',
  description: 'Ends the session: it no longer works anywhere, and the answer clears the cookie.',
  tag: 'auth',
  access: 'session',
  rateLimited: false,
  success: { status: 204, description: 'Signed out.', headers: SetSessionCookie },
});

/** GET /v1/auth/session: who is signed in. */
export const getSessionEndpoint = defineEndpoint({
  method: 'get',
  path: '/v1/auth/session',
  operationId: 'getSession',
  summary: 'Get the session',
  description: 'The signed-in person and when the session ends.',
  tag: 'auth',
  access: 'session',
  rateLimited: false,
  success: { status: 200, description: 'The session.', schema: Session },
});

/** POST /v1/auth/password: a new password; every other session ends. */
export const changePasswordEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/auth/password',
  operationId: 'changePassword',
  summary: 'Change the password',
  description:
    'Sets a new password after checking the current one (403 when it is wrong). Every other session of the account ends, and this one is renewed (a new cookie).',
  tag: 'auth',
  access: 'session',
  body: ChangePasswordRequest,
  invalidExample: { body: { current_password: '', new_password: 'short' } },
  rateLimited: true,
  success: { status: 204, description: 'Changed.', headers: SetSessionCookie },
});

/** DELETE /v1/auth/account: the account and everything it owns. */
export const deleteAccountEndpoint = defineEndpoint({
  method: 'delete',
  path: '/v1/auth/account',
  operationId: 'deleteAccount',
  summary: 'Delete the account',
  description:
    'Deletes the account after checking its password (403 when it is wrong), with its sessions, its API keys and its stored analyses.',
  tag: 'auth',
  access: 'session',
  body: DeleteAccountRequest,
  invalidExample: { body: { password: '' } },
  rateLimited: true,
  success: { status: 204, description: 'Deleted.', headers: SetSessionCookie },
});

/** POST /v1/auth/api-keys: a new API key, shown once. */
export const createApiKeyEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/auth/api-keys',
  operationId: 'createApiKey',
  summary: 'Make an API key',
  description:
    'Makes an API key for the signed-in person: the answer is the only time the key is shown; it is stored hashed.',
  tag: 'auth',
  access: 'session',
  body: CreateApiKeyRequest,
  invalidExample: { body: { name: '', expires_in_days: 0 } },
  rateLimited: true,
  success: { status: 201, description: 'The new key.', schema: CreatedApiKey },
});

/** GET /v1/auth/api-keys: the signed-in person's API keys. */
export const listApiKeysEndpoint = defineEndpoint({
  method: 'get',
  path: '/v1/auth/api-keys',
  operationId: 'listApiKeys',
  summary: 'List the API keys',
  description: 'The API keys of the signed-in person, newest first; never the keys themselves.',
  tag: 'auth',
  access: 'session',
  rateLimited: false,
  success: { status: 200, description: 'The keys.', schema: ApiKeyList },
});

const KeyById = z.object({
  id: z.string().min(1).max(64).meta({ description: 'Id of the key.', example: exampleKeyId }),
});

/** DELETE /v1/auth/api-keys/{id}: revokes a key. */
export const revokeApiKeyEndpoint = defineEndpoint({
  method: 'delete',
  path: '/v1/auth/api-keys/{id}',
  operationId: 'revokeApiKey',
  summary: 'Revoke an API key',
  description:
    "Revokes one of the signed-in person's API keys: it stops working at once. Another person's key answers 404 like an unknown one.",
  tag: 'auth',
  access: 'session',
  params: KeyById,
  invalidExample: { params: { id: 'k'.repeat(65) } },
  rateLimited: true,
  problems: {
    'not-found': {
      schema: Problem,
      example: problem('not-found', {
        detail: `No API key of yours has the id ${exampleKeyId}.`,
        instance: `/v1/auth/api-keys/${exampleKeyId}`,
      }),
    },
  },
  success: { status: 204, description: 'Revoked.' },
});
