import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupDocs } from './docs.js';

@Module({})
class NothingModule {}

const dir = mkdtempSync(join(tmpdir(), 'textpulse-docs-'));
const path = join(dir, 'openapi.json');
let version = 0;

/** Writes the document file anew, with a later modification time than the last. */
function write(content: string): void {
  writeFileSync(path, content);
  version += 1;
  utimesSync(path, version, version);
}
const documentTitled = (title: string) =>
  JSON.stringify({ openapi: '3.1.0', info: { title, version: '1' }, paths: {} });

describe('the docs while the document is regenerated (pnpm dev)', () => {
  let app: NestFastifyApplication;
  const get = async (url: string) =>
    (await app.getHttpAdapter().getInstance().inject({ method: 'GET', url })).body;

  beforeAll(async () => {
    write(documentTitled('First'));
    app = await NestFactory.create<NestFastifyApplication>(NothingModule, new FastifyAdapter(), {
      logger: false,
    });
    setupDocs(app, path);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the new document at /openapi.json and in Swagger UI, without a restart', async () => {
    expect(JSON.parse(await get('/openapi.json')).info.title).toBe('First');
    write(documentTitled('Second'));
    expect(JSON.parse(await get('/openapi.json')).info.title).toBe('Second');
    expect(await get('/docs/swagger-ui-init.js')).toContain('"title": "Second"');
  });

  it('keeps the last whole document while the file is half-written', async () => {
    write(documentTitled('Whole'));
    expect(JSON.parse(await get('/openapi.json')).info.title).toBe('Whole');
    write(documentTitled('Half').slice(0, 30));
    expect(JSON.parse(await get('/openapi.json')).info.title).toBe('Whole');
    write(documentTitled('Mended'));
    expect(JSON.parse(await get('/openapi.json')).info.title).toBe('Mended');
  });
});
