import { endpoints } from '@textpulse/contracts';
import { api } from '../../../lib/api';
import { methodNotAllowed } from '../../../lib/problem-response';
import { proxyRoute } from '../../../lib/proxy-route';

export const POST = proxyRoute({
  path: '/api/prompt',
  endpoint: endpoints.prompt,
  call: (body, options) => api.POST(endpoints.prompt.path, { body, ...options }),
});

export const GET = methodNotAllowed('/api/prompt');
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
