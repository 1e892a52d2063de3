import { methodNotAllowed } from '@/lib/server/problem-response';
import { streamRoute } from '@/lib/server/proxy-route';

export const POST = streamRoute({ path: '/api/prompt/stream' });

export const GET = methodNotAllowed('/api/prompt/stream');
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
