import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ApiStatus } from '../_components/api-status';
import { PromptForm } from './_components/prompt-form';

export const metadata: Metadata = {
  title: 'Prompt playground',
  description:
    'Ask an ordered chain of models that falls back when one fails, and see every attempt.',
};

export default function PromptPage() {
  return (
    <>
      <header className="page-header">
        <h1>Prompt playground</h1>
        <p className="lead">
          The API tries each model of the chain in order, each with its own timeout, and tells you
          how every attempt went.
        </p>
        <Suspense fallback={<p className="status">Checking the API…</p>}>
          <ApiStatus />
        </Suspense>
      </header>
      <PromptForm />
    </>
  );
}
