import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { signUp } from '@/app/_account/actions';
import { CredentialsForm } from '@/app/_account/credentials-form';
import { currentAccount, returnPath } from '@/lib/server/account';

export const metadata: Metadata = {
  title: 'Sign up',
  description: 'Make an account to keep a history of analyses and make API keys.',
};

export default async function SignUpPage({ searchParams }: PageProps<'/sign-up'>) {
  const next = returnPath((await searchParams).next);
  if (await currentAccount()) redirect(next);
  return (
    <>
      <header className="page-header">
        <h1>Sign up</h1>
        <p className="lead">
          An email and a password are all it takes. Have an account?{' '}
          <Link href={`/sign-in?${new URLSearchParams({ next })}`}>Sign in</Link>.
        </p>
      </header>
      <CredentialsForm
        action={signUp}
        label="Sign up"
        busyLabel="Signing up…"
        names={['name', 'email', 'password']}
        hidden={{ next }}
        newPassword
      />
    </>
  );
}
