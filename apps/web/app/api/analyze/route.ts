import { methodNotAllowed } from '@/lib/server/problem-response';
import { proxyRoute } from '@/lib/server/proxy-route';

export const POST = proxyRoute({
  path: '/api/analyze',
  operation: 'analyze',
});

export const GET = methodNotAllowed('/api/analyze');
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
