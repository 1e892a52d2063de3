import { endpoints } from '@textpulse/contracts';
import { api } from '../../../lib/api';
import { methodNotAllowed } from '../../../lib/problem-response';
import { proxyRoute } from '../../../lib/proxy-route';

export const POST = proxyRoute({
  path: '/api/analyze',
  endpoint: endpoints.analyze,
  call: (body, options) => api.POST(endpoints.analyze.path, { body, ...options }),
});

export const GET = methodNotAllowed('/api/analyze');
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
