import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import { securityHeaders } from './lib/server/security-headers';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // .next/standalone holds a server with only the files it needs (the container image runs it);
  // traced from the workspace root so the workspace packages it imports come along.
  output: 'standalone',
  outputFileTracingRoot: fileURLToPath(new URL('../..', import.meta.url)),
  // sharp (18 MB with libvips) serves next/image's optimizer, which no page uses.
  // (Paths from here: pnpm keeps packages in the workspace root's node_modules/.pnpm.)
  outputFileTracingExcludes: {
    '*': ['../../node_modules/.pnpm/sharp@*/**', '../../node_modules/.pnpm/@img+*/**'],
  },
  async headers() {
    const headers = securityHeaders(process.env.NODE_ENV === 'production');
    return [
      {
        source: '/:path*',
        headers: Object.entries(headers).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
