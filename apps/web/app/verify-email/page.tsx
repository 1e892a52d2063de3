import type { Metadata } from 'next';
import Link from 'next/link';
import { verifyEmail } from '@/app/_account/actions';
import { CredentialsForm } from '@/app/_account/credentials-form';

export const metadata: Metadata = {
  title: 'Verify your email address',
  description: 'Verify the address of your account with the link from your email.',
};

/**
 * Verifies on a press of the button, not on opening the page: mail scanners that open every link
 * do not spend it.
 */
export default async function VerifyEmailPage({ searchParams }: PageProps<'/verify-email'>) {
  const { token } = await searchParams;
  return (
    <>
      <header className="page-header">
        <h1>Verify your email address</h1>
        <p className="lead">One press, and your account is ready: you will be signed in.</p>
      </header>
      {typeof token === 'string' && token !== '' ? (
        <CredentialsForm
          action={verifyEmail}
          label="Verify my address"
          busyLabel="Verifying…"
          names={[]}
          hidden={{ token }}
        />
      ) : (
        <p className="notice" role="status">
          This link carries no token: open the link from the email again, or{' '}
          <Link href="/sign-in">sign in</Link> to get a new one.
        </p>
      )}
    </>
  );
}
