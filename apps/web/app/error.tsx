'use client';
import Link from 'next/link';

interface ErrorPageProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/**
 * A page that failed while rendering. The server logs the error under its digest; the browser
 * gets only the digest, never the message.
 */
export default function ErrorPage({ error, reset }: ErrorPageProps) {
  return (
    <section className="card notice" role="alert" data-testid="error">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Try again; if it keeps failing, the server log has more.</p>
      {error.digest ? (
        <p className="muted">
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <p className="actions">
        <button className="button" type="button" onClick={reset}>
          Try again
        </button>
        <Link className="button button--ghost" href="/">
          Home
        </Link>
      </p>
    </section>
  );
}
