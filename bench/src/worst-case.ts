import { TEXT_5000, TEXT_8000 } from './fixtures.js';

export interface WorstCaseRow {
  request: string;
  meanMs: number;
  maxMs: number;
}

const REQUESTS = [
  {
    request: 'POST /v1/prompt, 8000-character prompt, local model',
    path: '/v1/prompt',
    body: { prompt: TEXT_8000, models: ['local'] },
  },
  {
    request: 'POST /v1/analyze, 5000 characters with entities',
    path: '/v1/analyze',
    body: { text: TEXT_5000, extract_entities: true },
  },
] as const;

/**
 * The costliest requests the contract allows, one at a time on an idle API: how long each takes
 * end to end (mean and worst of `count`). Every answer must be a 200.
 */
export async function measureWorstCases(baseUrl: string, count: number): Promise<WorstCaseRow[]> {
  const rows: WorstCaseRow[] = [];
  for (const { request, path, body } of REQUESTS) {
    const times: number[] = [];
    for (let i = 0; i < count + 2; i += 1) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.text();
      if (response.status !== 200) throw new Error(`${request}: status ${response.status}`);
      // The first two warm the code up.
      if (i >= 2) times.push(performance.now() - started);
    }
    rows.push({
      request,
      meanMs: times.reduce((sum, time) => sum + time, 0) / times.length,
      maxMs: Math.max(...times),
    });
  }
  return rows;
}
