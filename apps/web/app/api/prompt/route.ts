import { PromptRequest, PromptResponse } from '@textpulse/contracts';
import { api } from '../../../lib/api';
import { methodNotAllowed } from '../../../lib/problem-response';
import { proxyRoute } from '../../../lib/proxy-route';

export const POST = proxyRoute({
  path: '/api/prompt',
  body: PromptRequest,
  response: PromptResponse,
  call: (body, signal) => api.POST('/v1/prompt', { body, signal }),
});

export const GET = methodNotAllowed('/api/prompt');
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
