import { AnalyzeRequest, AnalyzeResponse } from '@textpulse/contracts';
import { api } from '../../../lib/api';
import { methodNotAllowed } from '../../../lib/problem-response';
import { proxyRoute } from '../../../lib/proxy-route';

export const POST = proxyRoute({
  path: '/api/analyze',
  body: AnalyzeRequest,
  response: AnalyzeResponse,
  call: (body, signal) => api.POST('/v1/analyze', { body, signal }),
});

export const GET = methodNotAllowed('/api/analyze');
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
