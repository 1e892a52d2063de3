import { methodNotAllowed } from '@/lib/server/problem-response';
import { proxyRoute } from '@/lib/server/proxy-route';

export const POST = proxyRoute({
  path: '/api/prompt',
  operation: 'prompt',
});

export const GET = methodNotAllowed('/api/prompt');
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
