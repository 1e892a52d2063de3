import { endpoints, SentimentLabel } from '@textpulse/contracts';
import { admitInputs } from '@textpulse/http';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { requireAccount } from '@/lib/server/account';
import { callApi, callContext, unlessFailed } from '@/lib/server/api-call';
import { ProblemNotice } from '../_components/problem-notice';
import { excerpt, formatStoredAt } from './_components/format';

export const metadata: Metadata = {
  title: 'History',
  description: 'The analyses stored through TextPulse, newest first.',
};

const instance = '/history';
/** The query keys of GET /v1/analyses; any other key in the URL is ignored. */
const queryKeys = Object.keys(endpoints.listAnalyses.query.shape);

/** This page's URL for a query; empty values are left out. */
const pageHref = (query: Record<string, string | undefined>) => {
  const search = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return search ? `${instance}?${search}` : instance;
};

/**
 * Server Component: a page of the signed-in person's stored analyses, read through the typed
 * client as that person; anyone else is sent to sign in, and back here afterwards.
 */
export default async function HistoryPage({ searchParams }: PageProps<'/history'>) {
  const params = await searchParams;
  const given = Object.fromEntries(
    queryKeys.flatMap((key) => {
      const value = params[key];
      return typeof value === 'string' && value !== '' ? [[key, value]] : [];
    }),
  );
  await requireAccount(pageHref(given));
  const header = (
    <header className="page-header">
      <h1>History</h1>
      <p className="lead">
        Your analyses, stored with “Save to history”, newest first. This list is rendered on the
        server from <code>GET /v1/analyses</code>.
      </p>
    </header>
  );
  const newest = { href: instance, label: 'Back to the newest analyses' };

  const request = admitInputs(endpoints.listAnalyses, { query: given }, instance);
  if (!request.ok) {
    return (
      <>
        {header}
        <ProblemNotice problem={request.problem} back={newest} />
      </>
    );
  }
  const { query } = request.inputs;
  const context = callContext(instance, await headers());
  const page = unlessFailed(await callApi('listAnalyses', request.inputs, context));
  if (!page.ok) {
    return (
      <>
        {header}
        <ProblemNotice problem={page.problem} back={newest} />
      </>
    );
  }

  const filter = { sentiment_label: query.sentiment_label, limit: given.limit };
  const { items, next_cursor } = page.data;
  return (
    <>
      {header}
      <form className="card filters" method="get" action={instance} aria-label="Filter">
        <label htmlFor="sentiment_label">Sentiment</label>
        <select
          id="sentiment_label"
          name="sentiment_label"
          defaultValue={query.sentiment_label ?? ''}
        >
          <option value="">All</option>
          {SentimentLabel.options.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
        {given.limit ? <input type="hidden" name="limit" value={given.limit} /> : null}
        <button className="button button--ghost" type="submit">
          Filter
        </button>
      </form>

      {items.length === 0 ? (
        <section className="card empty" data-testid="history-empty">
          <p>
            {query.cursor
              ? 'No older analyses.'
              : query.sentiment_label
                ? `No ${query.sentiment_label} analyses stored yet.`
                : 'No analyses stored yet.'}
          </p>
          <Link className="button" href="/analyze">
            Analyze a text and save it
          </Link>
        </section>
      ) : (
        <ol className="history" data-testid="history">
          {items.map((item) => (
            <li key={item.id} className="card history__item">
              <Link href={`/history/${item.id}`} className="history__text">
                {excerpt(item.text, 120)}
              </Link>
              <p className="history__meta">
                <span className={`badge badge--${item.result.sentiment_label}`}>
                  {item.result.sentiment_label}
                </span>
                <span>score {item.result.sentiment_score.toFixed(3)}</span>
                <span>{item.result.word_count} words</span>
                <time dateTime={item.created_at}>{formatStoredAt(item.created_at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}

      <nav className="pager" aria-label="Pages">
        {query.cursor ? <Link href={pageHref(filter)}>← Newest</Link> : null}
        {next_cursor ? (
          <Link href={pageHref({ ...filter, cursor: next_cursor })} rel="next">
            Older →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
