import Link from 'next/link';

const links = [
  { href: '/analyze', label: 'Analyze' },
  { href: '/prompt', label: 'Prompt' },
  { href: '/history', label: 'History' },
] as const;

export function SiteHeader() {
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
    </header>
  );
}
