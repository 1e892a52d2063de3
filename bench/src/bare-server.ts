import { createServer } from 'node:http';
import { analyzeText } from '@textpulse/api/engine';
import {
  AnalyzeRequest,
  BODY_LIMIT_BYTES,
  PROBLEM_MEDIA_TYPE,
  type Problem,
  problem,
  problemFromZodError,
} from '@textpulse/contracts';

/**
 * The floor: bare node:http doing the API's work for POST /v1/analyze and nothing else — JSON
 * parse, the same contract schema, the same analysis function, the same problem helper.
 */
const instance = '/v1/analyze';

const server = createServer((request, response) => {
  const send = (status: number, body: unknown, type = 'application/json') => {
    response.writeHead(status, { 'content-type': type });
    response.end(JSON.stringify(body));
  };
  const fail = (body: Problem) => send(body.status, body, PROBLEM_MEDIA_TYPE);
  if (request.method !== 'POST' || request.url !== instance)
    return fail(problem(404, { instance }));
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
    return fail(problem(415, { instance }));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
  });
  request.on('end', () => {
    if (size > BODY_LIMIT_BYTES) return fail(problem(413, { instance }));
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return fail(problem(400, { instance }));
    }
    const parsed = AnalyzeRequest.safeParse(json);
    if (!parsed.success) return fail(problemFromZodError(parsed.error, { instance }));
    send(200, analyzeText(parsed.data));
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on ${typeof address === 'object' && address ? address.port : '?'}`);
});
process.on('SIGTERM', () => server.close());
