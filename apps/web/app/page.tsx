import { ANALYZE_TEXT_LIMITS } from '@textpulse/contracts/analyze';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = {
  title: { absolute: 'TextPulse — one schema, every layer' },
  description:
    'How one Zod schema in @textpulse/contracts validates, documents and types the whole stack.',
};

const uses = [
  {
    title: 'Validates the API',
    body: 'A Fastify hook bound to each operation checks the request against its schemas before the NestJS handler runs — no exception thrown, so a bad request costs no more than a good one — and answers 422 problem+json naming each field.',
    href: '/docs',
    link: 'See it in Swagger UI',
  },
  {
    title: 'Writes the OpenAPI document',
    body: 'zod-to-openapi builds openapi.json from the same objects, without booting a server. CI fails when it is stale.',
    href: '/docs',
    link: 'Read it in Swagger UI',
  },
  {
    title: 'Types the client',
    body: 'openapi-typescript turns that document into the types of @textpulse/api-client; type tests prove they equal the schema.',
    href: '/prompt',
    link: 'See it forward a prompt',
  },
  {
    title: 'Checks these forms',
    body: 'The browser validates with the very schema object, so you read the API’s own messages before any request leaves.',
    href: '/analyze',
    link: 'Try the analyze form',
  },
] as const;

export default function HomePage() {
  return (
    <>
      <section className="hero">
        <p className="eyebrow">TypeScript monorepo starter</p>
        <h1>One schema. Every layer.</h1>
        <p className="lead">
          A Zod object in <code>packages/contracts</code> is the only place a field is defined. The
          API, its documentation, the typed client and the forms on this site are all derived from
          it.
        </p>
        <div className="hero__actions">
          <Link className="button" href="/analyze">
            Analyze a text
          </Link>
          <Link className="button button--ghost" href="/prompt">
            Ask the model chain
          </Link>
        </div>
      </section>
      <ol className="flow" aria-label="From one schema to all its uses">
        {uses.map((use, index) => (
          <li key={use.title} className="card flow__step">
            <span className="flow__index" aria-hidden="true">
              {index + 1}
            </span>
            <h2>{use.title}</h2>
            <p>{use.body}</p>
            {use.href === '/docs' ? (
              <a href={use.href}>{use.link} ↗</a>
            ) : (
              <Link href={use.href}>{use.link} →</Link>
            )}
          </li>
        ))}
      </ol>
      <figure className="card code">
        <figcaption className="muted">packages/contracts/src/analyze.ts, in short</figcaption>
        <pre>
          {`export const AnalyzeRequest = z.strictObject({
  text: z.string().min(${ANALYZE_TEXT_LIMITS.min}).max(${ANALYZE_TEXT_LIMITS.max}),
  extract_entities: z.boolean().default(false),
});`}
        </pre>
      </figure>
    </>
  );
}
