import { EventEmitter, once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { problem } from '@textpulse/contracts';
import { getResponse } from 'msw';
import { problemResponse } from './faults.js';
import { type ContractMockOptions, contractHandlers } from './handlers.js';

/** A request the mock server received, as it arrived. */
export interface ReceivedRequest {
  readonly method: string;
  /** The path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body as text; empty when there was none. */
  readonly body: string;
  /** The body parsed, when it is JSON. */
  readonly json: unknown;
}

function parsed(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The contract mocks on a loopback port, for a server started apart (the web's production build). */
export interface ContractMockServer {
  /** Its origin, http://127.0.0.1:<port>: the API_URL of the server under test. */
  readonly url: string;
  /** Every request received, in order (`requests.length = 0` forgets them). */
  readonly requests: ReceivedRequest[];
  /** How many requests the client gave up on before they were answered (settable: reset it). */
  abandoned: number;
  /** Resolves with the next request once it has arrived (and been recorded). */
  nextRequest(): Promise<ReceivedRequest>;
  /** Answers with other options from now on (answers, who is signed in). */
  use(options: ContractMockOptions): void;
  close(): Promise<void>;
}

function toRequest(message: IncomingMessage, body: Buffer, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    for (const each of [value ?? []].flat()) headers.append(name, each);
  }
  const method = message.method ?? 'GET';
  return new Request(new URL(message.url ?? '/', 'http://127.0.0.1'), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? null : new Uint8Array(body),
    signal,
  });
}

async function send(response: Response, out: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  out.writeHead(response.status, headers);
  if (response.body) for await (const chunk of response.body) out.write(chunk);
  out.end();
}

/**
 * Serves `contractHandlers(options)` over HTTP on a free loopback port: a path the contract does
 * not declare answers 404 `not-found`, as the API does.
 */
export async function serveContractMocks(
  options: ContractMockOptions = {},
): Promise<ContractMockServer> {
  let handlers = contractHandlers(options);
  const requests: ReceivedRequest[] = [];
  const arrivals = new EventEmitter();
  const server = createServer(async (message, out) => {
    const gone = new AbortController();
    out.once('close', () => {
      if (out.writableFinished) return;
      mock.abandoned += 1;
      gone.abort();
    });
    const chunks: Buffer[] = [];
    for await (const chunk of message) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const received = {
      method: message.method ?? 'GET',
      url: message.url ?? '/',
      headers: message.headers,
      body: body.toString('utf8'),
      json: parsed(body.toString('utf8')),
    };
    requests.push(received);
    arrivals.emit('request', received);
    const request = toRequest(message, body, gone.signal);
    const instance = new URL(request.url).pathname;
    const response = await getResponse(handlers, request).then(
      (answered) =>
        answered ??
        problemResponse(problem('not-found', { detail: `Nothing is at ${instance}.`, instance })),
      // An answer function of a test that throws: a 500, as the API answers an unexpected error.
      (error: unknown) =>
        problemResponse(problem('internal-error', { detail: String(error), instance })),
    );
    if (!out.destroyed) await send(response, out);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const mock: ContractMockServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    abandoned: 0,
    nextRequest: async () => {
      const [received] = (await once(arrivals, 'request')) as [ReceivedRequest];
      return received;
    },
    use: (next) => {
      handlers = contractHandlers(next);
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  return mock;
}
