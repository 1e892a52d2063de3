'use client';
import './globals.css';

interface GlobalErrorProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/** The last resort when the root layout itself fails: it replaces the layout, so it has its own. */
export default function GlobalError({ error, reset }: GlobalErrorProps) {
  return (
    <html lang="en">
      <body>
        <main id="main" className="container">
          <section className="card notice" role="alert">
            <title>Something went wrong · TextPulse</title>
            <h1>Something went wrong</h1>
            <p>TextPulse could not show this page. Try again in a moment.</p>
            {error.digest ? (
              <p className="muted">
                Reference: <code>{error.digest}</code>
              </p>
            ) : null}
            <button className="button" type="button" onClick={reset}>
              Try again
            </button>
          </section>
        </main>
      </body>
    </html>
  );
}
