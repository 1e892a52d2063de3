import { analyzeText, extractEntities, sentencePieces } from '@textpulse/analysis';
import { AnalyzeRequest, problem, problemFromZodError } from '@textpulse/contracts';
import { parseJsonBody } from '@textpulse/http';
import nlp from 'compromise';
import { Bench } from 'tinybench';
import { TEXT_300, TEXT_5000 } from './fixtures.js';

export interface MicroResult {
  name: string;
  meanUs: number;
  p99Us: number;
  opsPerS: number;
}

export const ENTITIES_300 = 'extractEntities, 300 chars';
export const ENTITIES_5000 = 'extractEntities, 5000 chars';
const firstStep = sentencePieces(TEXT_5000)[0]?.text ?? '';

/** Validation, problem bodies and the engine, each on its own, in this process. */
export async function runMicro(timeMs: number): Promise<MicroResult[]> {
  const valid = { text: TEXT_300 };
  const invalid = { text: 'too short' };
  const failure = AnalyzeRequest.safeParse(invalid);
  if (failure.success) throw new Error('the invalid body passed');
  const json = JSON.stringify(valid);
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(500, timeMs) });
  bench
    .add('JSON.parse alone, valid body (300 chars)', () => JSON.parse(json))
    .add('parseJsonBody (JSON.parse + repeated/forbidden key scan), 300 chars', () =>
      parseJsonBody(json),
    )
    .add('AnalyzeRequest.safeParse, valid (300 chars)', () => AnalyzeRequest.safeParse(valid))
    .add('AnalyzeRequest.safeParse, invalid', () => AnalyzeRequest.safeParse(invalid))
    .add('problemFromZodError (422 body)', () =>
      problemFromZodError(failure.error, { instance: '/v1/analyze' }),
    )
    .add("problem('not-found')", () => problem('not-found', { instance: '/nope' }))
    .add('analyzeText, 300 chars', () => analyzeText({ text: TEXT_300, extract_entities: false }))
    .add('analyzeText, 300 chars + entities', () =>
      analyzeText({ text: TEXT_300, extract_entities: true }),
    )
    .add('analyzeText, 5000 chars', () => analyzeText({ text: TEXT_5000, extract_entities: false }))
    .add('analyzeText, 5000 chars + entities', () =>
      analyzeText({ text: TEXT_5000, extract_entities: true }),
    )
    .add(ENTITIES_300, () => extractEntities(TEXT_300))
    .add(ENTITIES_5000, () => extractEntities(TEXT_5000))
    .add('compromise nlp(text) alone (tagging, no match), 5000 chars', () => nlp(TEXT_5000))
    .add('extractEntities, one step of the local model (≤ 500 chars)', () =>
      extractEntities(firstStep),
    );
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
    return {
      name: task.name,
      meanUs: result.latency.mean * 1000,
      p99Us: result.latency.p99 * 1000,
      opsPerS: result.throughput.mean,
    };
  });
}
