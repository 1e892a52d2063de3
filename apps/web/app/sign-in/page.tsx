import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { signIn } from '@/app/_account/actions';
import { CredentialsForm } from '@/app/_account/credentials-form';
import { currentAccount, returnPath } from '@/lib/server/account';

export const metadata: Metadata = {
  title: 'Sign in',
  description: 'Sign in to keep a history of analyses and make API keys.',
};

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const query = await searchParams;
  const next = returnPath(query.next);
  if (await currentAccount()) redirect(next);
  return (
    <>
      <header className="page-header">
        <h1>Sign in</h1>
        <p className="lead">
          Your history and API keys are yours alone. No account yet?{' '}
          <Link href={`/sign-up?${new URLSearchParams({ next })}`}>Sign up</Link>.
        </p>
      </header>
      {query.password === 'reset' ? (
        <p className="notice" role="status">
          Your new password is set, and every session of your account has ended: sign in with it.
        </p>
      ) : null}
      <CredentialsForm
        action={signIn}
        label="Sign in"
        busyLabel="Signing in…"
        names={['email', 'password']}
        hidden={{ next }}
      />
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
    </>
  );
}
