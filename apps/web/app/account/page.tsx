import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { ProblemNotice } from '@/app/_components/problem-notice';
import { requireAccount } from '@/lib/server/account';
import { callApi, callContext, unlessFailed } from '@/lib/server/api-call';
import { formatStoredAt } from '../history/_components/format';
import { CreateKeyForm } from './_components/create-key-form';
import { DeleteAccountForm } from './_components/delete-account-form';
import { revokeKey } from './actions';

export const metadata: Metadata = {
  title: 'Account',
  description: 'Your account and the API keys your programs call TextPulse with.',
};

/** Server Component: the signed-in person, their API keys, and the way to delete the account. */
export default async function AccountPage() {
  const account = await requireAccount('/account');
  const keys = unlessFailed(
    await callApi('listApiKeys', {}, callContext('/account', await headers())),
  );
  return (
    <>
      <header className="page-header">
        <h1>Account</h1>
        <p className="lead">
          Signed in as {account.name} ({account.email}). Programs call the API with an API key as{' '}
          <code>Authorization: Bearer …</code>; each sees and stores your analyses.
        </p>
      </header>
      <CreateKeyForm />
      <section className="card" aria-label="API keys">
        <h2>API keys</h2>
        {!keys.ok ? (
          <ProblemNotice problem={keys.problem} back={{ href: '/account', label: 'Try again' }} />
        ) : keys.data.items.length === 0 ? (
          <p className="muted">No keys yet.</p>
        ) : (
          <ul className="keys" data-testid="api-keys">
            {keys.data.items.map((key) => (
              <li key={key.id}>
                <strong>{key.name}</strong> <code>{key.start}…</code> · made{' '}
                <time dateTime={key.created_at}>{formatStoredAt(key.created_at)}</time> ·{' '}
                {key.expires_at ? (
                  <>
                    expires <time dateTime={key.expires_at}>{formatStoredAt(key.expires_at)}</time>
                  </>
                ) : (
                  'never expires'
                )}
                <form action={revokeKey}>
                  <input type="hidden" name="id" value={key.id} />
                  <button className="button button--ghost" type="submit">
                    Revoke {key.name}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <DeleteAccountForm />
    </>
  );
}
