import { readFileSync } from 'node:fs';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AnyEndpoint, endpoints } from '@textpulse/contracts';
import type { HTTPMethods } from 'fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routePath } from '../src/common/contract/endpoint.decorator.js';
import { openApiDocumentPath } from '../src/docs/docs.js';
import { createTestApp } from './support/app.js';
import { document } from './support/documented.js';

/** Every route the Nest controllers declare, as "METHOD /path" with parameters written "{id}". */
function nestRoutes(app: NestFastifyApplication): string[] {
  const routes: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '/');
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const full = `/${[base, path].join('/')}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
        routes.push(`${RequestMethod[method]} ${full}`);
      }
    }
  }
  return routes.sort();
}

const documentedRoutes = Object.entries(document.paths)
  .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
  .sort();

describe('API documentation', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('serves exactly the committed document at /openapi.json', async () => {
    const response = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual(JSON.parse(readFileSync(openApiDocumentPath, 'utf8')));
  });

  it('serves Swagger UI at /docs, pointed at that document', async () => {
    const page = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('swagger-ui');
    const init = await request(app.getHttpServer()).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"openapi": "3.1.0"');
    await request(app.getHttpServer()).get('/docs/swagger-ui-bundle.js').expect(200);
  });

  it('serves every documented operation from a Nest route, and documents every Nest route', () => {
    const declared = Object.values<AnyEndpoint>(endpoints).map(
      (endpoint) => `${endpoint.method.toUpperCase()} ${endpoint.path}`,
    );
    expect(documentedRoutes).toEqual(declared.sort());
    expect(nestRoutes(app)).toEqual(documentedRoutes);
    const fastify = app.getHttpAdapter().getInstance();
    for (const route of documentedRoutes) {
      const [method, path] = route.split(' ') as [HTTPMethods, string];
      expect(fastify.hasRoute({ method, url: routePath(path) }), route).toBe(true);
    }
  });
});
