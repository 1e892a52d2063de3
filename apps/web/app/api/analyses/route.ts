import { endpoints } from '@textpulse/contracts';
import { api } from '../../../lib/api';
import { methodNotAllowed } from '../../../lib/problem-response';
import { proxyRoute } from '../../../lib/proxy-route';

export const POST = proxyRoute({
  path: '/api/analyses',
  endpoint: endpoints.createAnalysis,
  call: (body, options) => api.POST(endpoints.createAnalysis.path, { body, ...options }),
  location: (stored) => `/history/${stored.id}`,
});

export const GET = methodNotAllowed('/api/analyses');
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
