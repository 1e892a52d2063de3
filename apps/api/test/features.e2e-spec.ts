import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalyzeService } from '../src/analyze/analyze.service.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { FEATURES, type Feature } from '../src/features.js';
import { LogLines } from './support/logs.js';

const ORIGIN = 'http://localhost:3000';
const text = 'A perfectly ordinary sentence to analyze.';

/**
 * Which optional features an app shows on two calls of a rate-limited operation (limit 1); the
 * headers also on a URL Fastify rejects before routing, which has an answer path of its own.
 */
async function featuresOf(app: NestFastifyApplication): Promise<Feature[]> {
  const analyze = () =>
    request(app.getHttpServer()).post('/v1/analyze').set('origin', ORIGIN).send({ text });
  const first = await analyze();
  const second = await analyze();
  const malformed = await request(app.getHttpServer()).get('/v1/analyses/%zz').expect(400);
  const onBoth = (header: string) => {
    const sent = [first, malformed].map((response) => response.headers[header] !== undefined);
    expect(sent[1], `${header} on the 400 as on the 200`).toBe(sent[0]);
    return sent[0] === true;
  };
  const seen: Record<Feature, boolean> = {
    'rate-limit': second.status === 429,
    'request-id': onBoth('x-request-id'),
    'security-headers': onBoth('content-security-policy'),
    cors: first.headers['access-control-allow-origin'] === ORIGIN,
    // The handler below answers a field the contract does not declare: the check strips it.
    'response-check': first.status === 200 && !('undeclared' in first.body),
  };
  return FEATURES.filter((feature) => seen[feature]);
}

describe('an app built from a list of production features', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each<[string, string]>([
    ['nothing', ''],
    ...FEATURES.map((feature): [string, string] => [feature, feature]),
    ['all of them', FEATURES.join(',')],
  ])('leaves out %s, and only that', async (_name, without) => {
    const analyze = AnalyzeService.prototype.analyze;
    vi.spyOn(AnalyzeService.prototype, 'analyze').mockImplementation(function (
      this: AnalyzeService,
      body,
    ) {
      return { ...analyze.call(this, body), undeclared: true };
    });
    const logs = new LogLines();
    const omitted = without.split(',').filter(Boolean);
    const app = await createApp(
      loadConfig({ DATA_DIR: 'memory', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1' }),
      {
        logStream: logs,
        ...(without ? { features: new Set(FEATURES.filter((f) => !omitted.includes(f))) } : {}),
      },
    );
    try {
      expect(await featuresOf(app)).toEqual(
        FEATURES.filter((feature) => !omitted.includes(feature)),
      );
      const warnings = logs.lines.filter((line) =>
        String(line.msg).startsWith('Built without production features'),
      );
      expect(warnings.map((line) => line.msg)).toEqual(
        omitted.length > 0 ? [`Built without production features: ${omitted.join(', ')}`] : [],
      );
    } finally {
      await app.close();
    }
  });
});
