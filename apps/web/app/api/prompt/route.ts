import { PromptRequest, PromptResponse } from '@textpulse/contracts';
import { api } from '../../../lib/api';
import { proxyRoute } from '../../../lib/proxy-route';

export const POST = proxyRoute({
  path: '/api/prompt',
  body: PromptRequest,
  response: PromptResponse,
  call: (body, signal) => api.POST('/v1/prompt', { body, signal }),
});
