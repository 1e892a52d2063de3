import { methodNotAllowed } from '@/lib/server/problem-response';
import { proxyRoute } from '@/lib/server/proxy-route';

export const POST = proxyRoute({
  path: '/api/analyses',
  operation: 'createAnalysis',
  location: (stored) => `/history/${stored.id}`,
});

export const GET = methodNotAllowed('/api/analyses');
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
