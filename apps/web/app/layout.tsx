import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { SiteHeader } from './_components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'TextPulse', template: '%s · TextPulse' },
  description:
    'One Zod contract drives the whole stack: API validation, OpenAPI docs, the typed client and these forms.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f7fb' },
    { media: '(prefers-color-scheme: dark)', color: '#0f1117' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request: a prerendered page could not carry this response's CSP nonce.
  await connection();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="container">
          {children}
        </main>
        <footer className="site-footer container">
          Built on <code>@textpulse/contracts</code> · Next.js App Router · NestJS on Fastify
        </footer>
      </body>
    </html>
  );
}
