import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refusedPort } from '@textpulse/ports';

/**
 * A fake OpenAI-compatible server on loopback. The requested model name picks the behaviour:
 * "ok" answers (with its token counts); "slow" answers after SLOW_MS, far past any attempt timeout the tests set; "held"
 * answers when the test calls release(); "fail-500" and "rate-limited" fail; "echo-key" fails with
 * a 401 whose message quotes the Authorization header, as real providers do; "hang" never answers;
 * "malformed" sends broken JSON; "no-choices" sends JSON without a message; "reset" drops the
 * connection halfway through the body. received(model) resolves when a request for it arrives,
 * abandoned(model) when the API gives up a "slow" or "held" one before its answer.
 *
 * Asked to stream (`stream: true`), the answer "echo: <prompt>" comes a word per chunk, then the
 * usage and [DONE]; "held" sends the first word and the rest on release(); "stall" sends the first
 * word and nothing more; "reset" drops the connection after the first word; "malformed" follows it
 * with a chunk that is not JSON; "no-choices" sends a chunk without choices; "bad-usage" answers
 * with token counts below zero. The failures before
 * any chunk ("fail-500", "hang", …) fail as they do unstreamed. abandoned(model) resolves when the
 * API closes a "held", "stall" or "drip" stream before its end; "drip" sends a word every `dripMs`.
 *
 * GET /_fake/log answers what happened so far, for a test in another process (the browser tests):
 * the models asked for, in order, and those whose client went away before the answer ended.
 */
export const SLOW_MS = 10_000;

export class FakeOpenAI {
  readonly requests: {
    model: string;
    authorization: string | undefined;
    /** The W3C trace context the caller sent, if any. */
    traceparent: string | undefined;
    body: unknown;
  }[] = [];
  /** The models whose client went away before the answer ended, in order. */
  readonly abandonedModels: string[] = [];
  private readonly arrivals = new EventEmitter();

  constructor(private readonly options: { dripMs?: number } = {}) {
    this.arrivals.on('abandoned', (model: string) => {
      this.abandonedModels.push(model);
      this.arrivals.emit(`abandoned:${model}`);
    });
  }

  /** Gives other model names one of the behaviours above, such as { "gpt-4o-mini": "hang" }. */
  readonly aliases: Record<string, string> = {};

  private readonly held = new EventEmitter();
  private readonly server: Server = createServer((request, response) =>
    this.handle(request, response),
  );

  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Resolves when the next request for `model` has arrived. */
  async received(model: string): Promise<void> {
    await once(this.arrivals, model);
  }

  /** Resolves when a request for `model` is closed by its client before the fake answered it. */
  async abandoned(model: string): Promise<void> {
    await once(this.arrivals, `abandoned:${model}`);
  }

  /** Lets every "held" request answer. */
  release(): void {
    this.held.emit('release');
  }

  /** Listens on loopback, on `port` or any free one. */
  async start(port = 0): Promise<this> {
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET' && request.url === '/_fake/log') {
      response.writeHead(200, { 'content-type': 'application/json' });
      const models = this.requests.map((seen) => seen.model);
      return void response.end(JSON.stringify({ models, abandoned: this.abandonedModels }));
    }
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const body = parseChatRequest(raw);
    if (!body) {
      response.writeHead(400, { 'content-type': 'application/json' });
      return void response.end(
        JSON.stringify({ error: { message: 'Send a JSON body with a model and messages.' } }),
      );
    }
    this.requests.push({
      model: body.model,
      authorization: request.headers.authorization,
      traceparent: request.headers.traceparent as string | undefined,
      body,
    });
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };
    const behaviour = this.aliases[body.model] ?? body.model;
    this.arrivals.emit(body.model);
    const answer = `echo: ${body.messages[0]?.content}`;
    const words = answer.match(/\S+/g)?.length ?? 0;
    if (body.stream && STREAMED.has(behaviour)) {
      return this.stream(behaviour, body.model, answer, response);
    }
    if (behaviour === 'slow' || behaviour === 'held') {
      // Stops waiting as soon as the client gives up, so nothing of the fake outlives its request.
      await new Promise<void>((resolve) => {
        const timer = behaviour === 'slow' ? setTimeout(resolve, SLOW_MS) : undefined;
        if (behaviour === 'held') this.held.once('release', resolve);
        response.once('close', () => {
          clearTimeout(timer);
          this.held.off('release', resolve);
          if (!response.writableEnded) this.arrivals.emit('abandoned', body.model);
          resolve();
        });
      });
      if (response.destroyed) return;
    }
    switch (behaviour) {
      case 'slow':
      case 'held':
      case 'ok':
        return json(200, {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 0,
          model: 'ok',
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: { role: 'assistant', content: answer },
            },
          ],
          usage: { prompt_tokens: 9, completion_tokens: words, total_tokens: words + 9 },
        });
      case 'fail-500':
        return json(500, { error: { message: 'internal failure with secret details' } });
      case 'echo-key':
        return json(401, {
          error: { message: `Incorrect API key provided: ${request.headers.authorization}` },
        });
      case 'rate-limited':
        return json(429, { error: { message: 'slow down' } }, { 'retry-after': '7' });
      case 'malformed':
        response.writeHead(200, { 'content-type': 'application/json' });
        return void response.end('{"choices": [');
      case 'no-choices':
        return json(200, { id: 'x', object: 'chat.completion', choices: [] });
      case 'hang':
        return;
      case 'reset':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        response.write('{"id": "chatcmpl-1", "choices": [');
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      default:
        return json(404, { error: { message: `model ${body.model} not found` } });
    }
  }

  /** Streams `answer` as chat completion chunks, a word per chunk, as `behaviour` says. */
  private async stream(
    behaviour: string,
    model: string,
    answer: string,
    response: ServerResponse,
  ): Promise<void> {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
    const chunk = (delta: object, finish: string | null = null) =>
      send({
        id: 'chatcmpl-1',
        object: 'chat.completion.chunk',
        created: 0,
        model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
    if (behaviour === 'no-choices') {
      send({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model, choices: [] });
      return void response.end('data: [DONE]\n\n');
    }
    const [first = '', ...rest] = answer.match(/\s*\S+/g) ?? [];
    chunk({ role: 'assistant', content: first });
    switch (behaviour) {
      case 'reset':
        return void setTimeout(() => response.socket?.destroy(), 20);
      case 'malformed':
        return void response.write('data: {"choices": [\n\n');
      case 'drip':
        for (const word of rest) {
          await new Promise((resolve) => setTimeout(resolve, this.options.dripMs ?? 100));
          if (response.destroyed) return void this.arrivals.emit('abandoned', model);
          chunk({ content: word });
        }
        rest.length = 0;
        break;
      case 'stall':
      case 'held': {
        const released = await new Promise<boolean>((resolve) => {
          if (behaviour === 'held') this.held.once('release', () => resolve(true));
          response.once('close', () => {
            if (!response.writableEnded) this.arrivals.emit('abandoned', model);
            resolve(false);
          });
        });
        if (!released || response.destroyed) return;
      }
    }
    for (const word of rest) chunk({ content: word });
    chunk({}, 'stop');
    send({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 0,
      model,
      choices: [],
      usage:
        behaviour === 'bad-usage'
          ? { prompt_tokens: -1, completion_tokens: -1, total_tokens: -2 }
          : {
              prompt_tokens: 9,
              completion_tokens: rest.length + 1,
              total_tokens: rest.length + 10,
            },
    });
    response.end('data: [DONE]\n\n');
  }
}

interface ChatRequest {
  model: string;
  messages: { content: string }[];
  stream?: boolean;
}

/** A chat completion request's body, or undefined when it is none (empty, not JSON, no model). */
function parseChatRequest(raw: string): ChatRequest | undefined {
  try {
    const body = JSON.parse(raw) as Partial<ChatRequest> | null;
    if (typeof body?.model !== 'string' || !Array.isArray(body.messages)) return undefined;
    return body as ChatRequest;
  } catch {
    return undefined;
  }
}

/** The behaviours that stream when asked to; the others fail before any chunk, as unstreamed. */
const STREAMED = new Set([
  'ok',
  'held',
  'stall',
  'drip',
  'reset',
  'malformed',
  'no-choices',
  'bad-usage',
]);

/** A base URL on a loopback port that refuses connections (one no test server can take). */
export async function refusedBaseURL(): Promise<string> {
  return `http://127.0.0.1:${await refusedPort()}/v1`;
}
