import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

const NONCE = 'bm9uY2UtMTIz';

/** The policy's directives, each with its sources, in order. */
const directives = (policy: string) =>
  new Map(
    policy.split('; ').map((directive) => {
      const [name = '', ...sources] = directive.split(' ');
      return [name, sources] as const;
    }),
  );

/** The directives that read the same in development and production. */
const SHARED = {
  'default-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

describe('contentSecurityPolicy', () => {
  it('in production, runs only scripts and style elements carrying the nonce, never eval', () => {
    expect(Object.fromEntries(directives(contentSecurityPolicy(NONCE, false)))).toEqual({
      ...SHARED,
      'script-src': ["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"],
      'style-src': ["'self'", `'nonce-${NONCE}'`],
    });
  });

  it("in development, also allows eval and inline style elements (React's tools need them)", () => {
    expect(Object.fromEntries(directives(contentSecurityPolicy(NONCE, true)))).toEqual({
      ...SHARED,
      'script-src': ["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'", "'unsafe-eval'"],
      'style-src': ["'self'", "'unsafe-inline'"],
    });
  });

  it.each([false, true])(
    'has exactly eleven directives, each once, separated by "; " (development: %s)',
    (development) => {
      const policy = contentSecurityPolicy(NONCE, development);
      expect(policy.split('; ')).toHaveLength(11);
      expect(directives(policy).size).toBe(11);
      expect(policy).toMatch(/^default-src 'self'; script-src /);
      expect(policy).toMatch(/; frame-ancestors 'none'$/);
    },
  );

  it('puts the nonce it is given in the policy', () => {
    const policy = contentSecurityPolicy('another', false);
    expect(directives(policy).get('script-src')).toContain("'nonce-another'");
    expect(policy).not.toContain(NONCE);
  });
});

describe('securityHeaders', () => {
  const EVERYWHERE = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };

  it('in production, also tells browsers to use HTTPS only, subdomains included, for a year', () => {
    expect(securityHeaders(true)).toEqual({
      ...EVERYWHERE,
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    });
  });

  it('in development, leaves out Strict-Transport-Security (localhost serves plain HTTP)', () => {
    expect(securityHeaders(false)).toEqual(EVERYWHERE);
  });
});
