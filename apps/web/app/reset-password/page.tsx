import type { Metadata } from 'next';
import Link from 'next/link';
import { resetPassword } from '@/app/_account/actions';
import { CredentialsForm } from '@/app/_account/credentials-form';

export const metadata: Metadata = {
  title: 'Set a new password',
  description: 'Set a new password with the link from your email.',
};

export default async function ResetPasswordPage({ searchParams }: PageProps<'/reset-password'>) {
  const { token } = await searchParams;
  return (
    <>
      <header className="page-header">
        <h1>Set a new password</h1>
        <p className="lead">
          Every session of your account ends with the old password. The link works once, for an
          hour: <Link href="/forgot-password">ask for a new one</Link> if it has expired.
        </p>
      </header>
      {typeof token === 'string' && token !== '' ? (
        <CredentialsForm
          action={resetPassword}
          label="Set the password"
          busyLabel="Setting…"
          names={['new_password']}
          hidden={{ token }}
        />
      ) : (
        <p className="notice" role="status">
          This link carries no token: open the link from the email again, or{' '}
          <Link href="/forgot-password">ask for a new one</Link>.
        </p>
      )}
    </>
  );
}
