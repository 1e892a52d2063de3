import { createServer } from 'node:http';
import { analyzeText } from '@textpulse/analysis';
import {
  BODY_LIMIT_BYTES,
  endpoints,
  PROBLEM_MEDIA_TYPE,
  type Problem,
  problem,
} from '@textpulse/contracts';
import { admitHead, admitRequest } from '@textpulse/http';

/**
 * The floor: bare node:http doing exactly the contract work the API does for POST /v1/analyze —
 * the request gate (media type, UTF-8, JSON with its key checks, the request schema), the analysis, the
 * response schema (a result that breaks it is a 500), the same problem bodies — and nothing of
 * the production stack (no rate limit, logging, security headers or request ids). The API's ratio
 * to it is the cost of the framework and the stack.
 */
const { analyze } = endpoints;
const instance = analyze.path;
const ResponseSchema = analyze.success.schema;

const server = createServer((request, response) => {
  // Framed as Fastify frames it: a charset and a Content-Length, not chunked.
  const send = (status: number, body: unknown, type = 'application/json') => {
    const json = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': `${type}; charset=utf-8`,
      'content-length': Buffer.byteLength(json),
    });
    response.end(json);
  };
  const fail = (body: Problem) => send(body.status, { ...body, instance }, PROBLEM_MEDIA_TYPE);
  if (request.method !== 'POST' || request.url !== instance) return fail(problem('not-found'));
  const head = {
    contentType: request.headers['content-type'],
    contentLength: request.headers['content-length'],
  };
  const refused = admitHead(analyze, head);
  if (refused) return fail(refused);
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
  });
  request.on('end', () => {
    const body = size > BODY_LIMIT_BYTES ? 'too-large' : Buffer.concat(chunks);
    const admission = admitRequest(analyze, { ...head, body });
    if (!admission.ok) return fail(admission.problem);
    const analysis = ResponseSchema.safeParse(analyzeText(admission.inputs.body));
    if (!analysis.success) return fail(problem('internal-error'));
    send(200, analysis.data);
  });
});

server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(
    `listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : '?'}`,
  );
});
process.on('SIGTERM', () => server.close());
