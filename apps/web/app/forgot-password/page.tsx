import type { Metadata } from 'next';
import Link from 'next/link';
import { requestPasswordReset } from '@/app/_account/actions';
import { CredentialsForm } from '@/app/_account/credentials-form';

export const metadata: Metadata = {
  title: 'Forgot your password?',
  description: 'Get a link by email to set a new password.',
};

export default function ForgotPasswordPage() {
  return (
    <>
      <header className="page-header">
        <h1>Forgot your password?</h1>
        <p className="lead">
          Give the address of your account: we mail it a link to set a new password. Remember it
          after all? <Link href="/sign-in">Sign in</Link>.
        </p>
      </header>
      <CredentialsForm
        action={requestPasswordReset}
        label="Mail me a link"
        busyLabel="Sending…"
        names={['email']}
      />
    </>
  );
}
