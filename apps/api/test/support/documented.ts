import type { INestApplication } from '@nestjs/common';
import { cataloguedProblem } from '@textpulse/contracts';
import {
  componentSchema,
  declaredResponse,
  document,
  responseSchema,
  violations,
} from '@textpulse/document-check';
import request, { type Response, type Test } from 'supertest';
import { expect } from 'vitest';
import { parseSse } from './sse.js';

/** The committed OpenAPI document, exactly as the API serves it. */
export { document };

/**
 * Asserts that `response` is one the document declares for the operation: its status is listed,
 * its content type is the declared one, and its body validates against the declared schema.
 */
export function expectDocumented(response: Response, method: string, path: string): void {
  const declared = declaredResponse(method, path, response.status);
  expect(
    declared,
    `${method.toUpperCase()} ${path} documents status ${response.status}`,
  ).toBeDefined();
  const [mediaType] = Object.keys(declared?.content ?? {});
  if (mediaType === undefined) {
    expect(response.text, 'a response declared without content has no body').toBe('');
    return;
  }
  expect(response.headers['content-type']?.split(';')[0]).toBe(mediaType);
  const schema = responseSchema(method, path, response.status, mediaType);
  if (mediaType !== 'text/event-stream') {
    const body: unknown = JSON.parse(response.text);
    expectValid(body, schema);
    if (response.status >= 400) expectCatalogued(body);
    return;
  }
  // A stream: the schema is each event's data, whose type is the event's name.
  const events = parseSse(response.text);
  expect(events.length, 'a stream has events').toBeGreaterThan(0);
  for (const { event, data } of events) {
    const parsed = JSON.parse(data) as { type?: unknown; problem?: unknown };
    expectValid(parsed, schema);
    expect(parsed.type).toBe(event);
    if (parsed.type === 'error') expectCatalogued(parsed.problem);
  }
}

/** The documented operation `method path` serves, by the document's path templates ("{id}"). */
function documentedPathOf(method: string, url: string): string | undefined {
  const path = url.split('?', 1)[0] ?? url;
  return Object.keys(document.paths).find((template) => {
    if (document.paths[template]?.[method] === undefined) return false;
    const pattern = template.replace(/\{[^/]+\}/g, '[^/]+');
    return new RegExp(`^${pattern}$`).test(path);
  });
}

/**
 * Asserts what every API response must be: the documented answer of its operation, or, for a
 * method and path the document does not list, a problem+json body.
 */
export function expectContractAnswer(response: Response, method: string, url: string): void {
  const path = documentedPathOf(method, url);
  if (path === undefined) expectProblem(response, response.status);
  else expectDocumented(response, method, path);
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who a request comes from: a session cookie, an API key, or both. */
export interface As {
  readonly cookie?: string;
  readonly key?: string;
}

/**
 * supertest on the app, with every response checked by expectContractAnswer before the test sees
 * it: the one way API tests send requests, so no response escapes the document. `as` sends a
 * caller's credentials with each request.
 */
export function api(app: INestApplication, as: As = {}): Record<Method, (url: string) => Test> {
  const agent = request(app.getHttpServer());
  const send = (method: Method) => (url: string) => {
    const test = agent[method](url);
    if (as.cookie !== undefined) void test.set('Cookie', as.cookie);
    if (as.key !== undefined) void test.set('Authorization', `Bearer ${as.key}`);
    return test.expect((response) => expectContractAnswer(response, method, url));
  };
  return {
    get: send('get'),
    post: send('post'),
    put: send('put'),
    patch: send('patch'),
    delete: send('delete'),
  };
}

/** Asserts that `body` validates against the schema at `ref` (for example a component). */
export function expectValid(body: unknown, ref: string): void {
  expect(violations(body, ref)).toEqual([]);
}

/** Asserts that `body` is a problem of the contract's catalog: its type, with that status and title. */
export function expectCatalogued(body: unknown): void {
  expect(
    cataloguedProblem(body),
    `a problem of the catalog: ${JSON.stringify(body)}`,
  ).toBeDefined();
}

/** Asserts that a response is a problem+json body of the given status, from the catalog. */
export function expectProblem(response: Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body: unknown = JSON.parse(response.text);
  expectValid(body, componentSchema('Problem'));
  expectCatalogued(body);
  expect(response.text).not.toMatch(/"stack"\s*:|\\n\s+at |node_modules\/|\.(?:js|ts):\d+:\d+/);
}
