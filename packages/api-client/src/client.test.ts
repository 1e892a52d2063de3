import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './index.js';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  authorization?: string | undefined;
  body: string;
}

async function read(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

describe('createApiClient against a loopback server', () => {
  const seen: Seen[] = [];
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const body = await read(request);
      seen.push({
        method: request.method,
        url: request.url,
        contentType: request.headers['content-type'],
        contentLength: request.headers['content-length'],
        authorization: request.headers.authorization,
        body,
      });
      if (request.url === '/v1/analyze' && JSON.parse(body).text.length < 10) {
        response.writeHead(422, { 'content-type': 'application/problem+json' });
        response.end(
          JSON.stringify({
            type: '/problems/validation-error',
            title: 'Validation failed',
            status: 422,
            errors: [
              { path: '/text', code: 'too_small', message: 'Enter at least 10 characters.' },
            ],
          }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          status: 'ok',
          version: '0.1.0',
          uptime_s: 1,
          models: ['local'],
          database: { status: 'up', driver: 'pglite' },
        }),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  it('GETs /v1/health and returns the typed body', async () => {
    const { data, error, response } = await createApiClient(baseUrl).GET('/v1/health');
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data?.models).toEqual(['local']);
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/v1/health' });
  });

  it('POSTs the JSON body and surfaces a problem+json answer as `error`', async () => {
    const { data, error, response } = await createApiClient(baseUrl).POST('/v1/analyze', {
      body: { text: 'short' },
    });
    expect(response.status).toBe(422);
    expect(data).toBeUndefined();
    expect(error?.errors?.[0]?.path).toBe('/text');
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/v1/analyze',
      contentType: 'application/json',
      // The bytes as they are, with their length: not a stream sent in chunks.
      contentLength: '16',
      body: '{"text":"short"}',
    });
  });

  it("ends a call when its signal aborts, and hands a fetch of the caller's own the Request", async () => {
    const aborted = createApiClient(baseUrl).GET('/v1/health', { signal: AbortSignal.abort() });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });

    const handed: Request[] = [];
    const client = createApiClient(baseUrl, {
      apiKey: 'tp_own',
      fetch: (request: Request) => {
        handed.push(request);
        return globalThis.fetch(request);
      },
    });
    const { response } = await client.POST('/v1/analyze', { body: { text: 'long enough text' } });
    expect(response.status).toBe(200);
    expect(handed).toHaveLength(1);
    expect(handed[0]?.headers.get('authorization')).toBe('Bearer tp_own');
    expect(seen.at(-1)).toMatchObject({
      body: '{"text":"long enough text"}',
      authorization: 'Bearer tp_own',
    });
  });

  it('sends an API key as Authorization: Bearer with every call, the stream included', async () => {
    const client = createApiClient(baseUrl, { apiKey: 'tp_secret' });
    seen.length = 0;
    await client.GET('/v1/analyses', { params: { query: {} } });
    // The loopback server answers no stream: reading it fails, after the request was sent.
    await expect(client.streamPrompt({ prompt: 'A long enough prompt.' }).next()).rejects.toThrow();
    expect(seen.map((request) => [request.url, request.authorization])).toEqual([
      ['/v1/analyses', 'Bearer tp_secret'],
      ['/v1/prompt/stream', 'Bearer tp_secret'],
    ]);
    seen.length = 0;
    await createApiClient(baseUrl).GET('/v1/health');
    expect(seen[0]?.authorization).toBeUndefined();
  });
});
