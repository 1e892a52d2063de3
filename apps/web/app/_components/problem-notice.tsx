import type { Problem } from '@textpulse/contracts/problem';
import Link from 'next/link';

interface ProblemNoticeProps {
  problem: Problem;
  /** Where to go from here. */
  back: { href: string; label: string };
}

/** A failed API call, told in the page: the problem's title and detail, and a way on. */
export function ProblemNotice({ problem, back }: ProblemNoticeProps) {
  return (
    <section className="card notice" role="alert" data-testid="problem">
      <h2>{problem.title}</h2>
      {problem.detail ? <p>{problem.detail}</p> : null}
      {problem.errors?.length ? (
        <ul>
          {problem.errors.map((error) => (
            <li key={error.path}>
              <code>{error.path}</code> {error.message}
            </li>
          ))}
        </ul>
      ) : null}
      <Link href={back.href}>{back.label}</Link>
    </section>
  );
}
