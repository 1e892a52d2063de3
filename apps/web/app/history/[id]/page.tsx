import type { Metadata } from 'next';
import Link from 'next/link';
import { ProblemNotice } from '@/app/_components/problem-notice';
import { AnalyzeResult } from '@/app/analyze/_components/analyze-result';
import { excerpt, formatStoredAt } from '../_components/format';
import { deleteAnalysis } from './actions';
import { DeleteAnalysis } from './delete-analysis';
import { loadAnalysis } from './load-analysis';

export async function generateMetadata({ params }: PageProps<'/history/[id]'>): Promise<Metadata> {
  const outcome = await loadAnalysis((await params).id);
  return {
    title: outcome.ok ? `“${excerpt(outcome.data.text, 40)}”` : 'Stored analysis',
    description: 'A stored analysis: its text, sentiment, word count and entities.',
  };
}

/** Server Component: one stored analysis, with its deletion. */
export default async function StoredAnalysisPage({ params }: PageProps<'/history/[id]'>) {
  const { id } = await params;
  const outcome = await loadAnalysis(id);
  const back = { href: '/history', label: '← Back to the history' };
  if (!outcome.ok) return <ProblemNotice problem={outcome.problem} back={back} />;
  const stored = outcome.data;
  return (
    <>
      <header className="page-header">
        <p>
          <Link href={back.href}>{back.label}</Link>
        </p>
        <h1>Stored analysis</h1>
        <p className="lead">
          Stored <time dateTime={stored.created_at}>{formatStoredAt(stored.created_at)}</time> by
          TextPulse {stored.version}
          {stored.extract_entities ? ', entities extracted' : ''}.
        </p>
      </header>
      <section className="card result stack" aria-label="Analysis">
        {stored.result.entities ? null : (
          <blockquote className="highlight__text">{stored.text}</blockquote>
        )}
        <AnalyzeResult text={stored.text} analysis={stored.result} />
      </section>
      <DeleteAnalysis action={deleteAnalysis.bind(null, stored.id)} />
    </>
  );
}
