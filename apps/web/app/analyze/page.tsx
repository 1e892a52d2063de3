import type { Metadata } from 'next';
import { Suspense } from 'react';
import { currentAccount } from '@/lib/server/account';
import { ApiStatus } from '../_components/api-status';
import { AnalyzeForm } from './_components/analyze-form';

export const metadata: Metadata = {
  title: 'Analyze a text',
  description:
    'Sentiment, word count and named entities of any text, validated by the shared contract.',
};

export default async function AnalyzePage() {
  const signedIn = (await currentAccount()) !== undefined;
  return (
    <>
      <header className="page-header">
        <h1>Analyze a text</h1>
        <p className="lead">
          Sentiment from -1 to 1, a Unicode-aware word count, and the people, places and
          organizations it names.
        </p>
        <Suspense fallback={<p className="status">Checking the API…</p>}>
          <ApiStatus />
        </Suspense>
      </header>
      <AnalyzeForm signedIn={signedIn} />
    </>
  );
}
