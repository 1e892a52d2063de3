import Link from 'next/link';
import { signOut } from '@/app/_account/actions';
import { currentAccount } from '@/lib/server/account';

const links = [
  { href: '/analyze', label: 'Analyze' },
  { href: '/prompt', label: 'Prompt' },
  { href: '/history', label: 'History' },
] as const;

/** The site's header: its pages, and who is signed in (with a way out), or a way in. */
export async function SiteHeader() {
  const account = await currentAccount();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        <span className="brand__pulse" aria-hidden="true" />
        TextPulse
      </Link>
      <nav aria-label="Main">
        <ul className="nav">
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href}>{link.label}</Link>
            </li>
          ))}
          <li>
            <a href="/docs" className="nav__docs">
              API docs ↗
            </a>
          </li>
        </ul>
      </nav>
      <div className="account" data-testid="account-status">
        {account ? (
          <form action={signOut}>
            <span>
              Signed in as <Link href="/account">{account.name}</Link>
            </span>{' '}
            <button className="button button--ghost" type="submit">
              Sign out
            </button>
          </form>
        ) : (
          <>
            <Link href="/sign-in">Sign in</Link> · <Link href="/sign-up">Sign up</Link>
          </>
        )}
      </div>
    </header>
  );
}
