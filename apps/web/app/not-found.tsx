import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not found' };

/** Any path or stored analysis this app does not have. */
export default function NotFound() {
  return (
    <section className="card notice" data-testid="not-found">
      <h1>Not found</h1>
      <p>There is nothing here: the page does not exist, or the analysis was deleted.</p>
      <p className="actions">
        <Link className="button" href="/history">
          Open the history
        </Link>
        <Link className="button button--ghost" href="/">
          Home
        </Link>
      </p>
    </section>
  );
}
