import { createApiClient } from '@textpulse/api-client';
import { TEXT_300, TEXT_8000 } from './fixtures.js';

export interface StreamRow {
  stream: string;
  /** Streams open at once. */
  concurrency: number;
  streams: number;
  /** From sending the request to the first event (`attempt`), and to the first `token`. */
  firstEventMs: number;
  firstTokenMs: number;
  /** Events per second within one stream, from its first event to its last. */
  eventsPerS: number;
  /** Events per second over all streams of the run, wall-clock. */
  totalEventsPerS: number;
}

const CASES = [
  { stream: '300-character prompt', prompt: TEXT_300, concurrency: 1, streams: 20 },
  { stream: '8000-character prompt', prompt: TEXT_8000, concurrency: 1, streams: 5 },
  { stream: '300-character prompt', prompt: TEXT_300, concurrency: 20, streams: 100 },
] as const;

/** One stream read to its end through the typed client (each event validated by the contract). */
async function oneStream(client: ReturnType<typeof createApiClient>, prompt: string) {
  const started = performance.now();
  let firstEvent: number | undefined;
  let firstToken: number | undefined;
  let last = started;
  let events = 0;
  for await (const event of client.streamPrompt({ prompt, models: ['local'] })) {
    last = performance.now();
    firstEvent ??= last;
    if (event.type === 'token') firstToken ??= last;
    if (event.type === 'error') throw new Error(`The stream failed: ${event.problem.detail}`);
    events += 1;
  }
  if (firstEvent === undefined || firstToken === undefined) throw new Error('A stream was empty');
  return {
    firstEventMs: firstEvent - started,
    firstTokenMs: firstToken - started,
    events,
    eventsPerS: (events - 1) / ((last - firstEvent) / 1000),
  };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * POST /v1/prompt/stream with the local chain: how soon the first event and the first token come,
 * and how many events per second a stream and the server deliver. Two warm-up streams first.
 */
export async function measureStreaming(baseUrl: string): Promise<StreamRow[]> {
  const client = createApiClient(baseUrl);
  for (let i = 0; i < 2; i += 1) await oneStream(client, TEXT_300);
  const rows: StreamRow[] = [];
  for (const { stream, prompt, concurrency, streams } of CASES) {
    const results: Awaited<ReturnType<typeof oneStream>>[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < streams) {
          next += 1;
          results.push(await oneStream(client, prompt));
        }
      }),
    );
    const elapsedS = (performance.now() - started) / 1000;
    rows.push({
      stream,
      concurrency,
      streams,
      firstEventMs: mean(results.map((result) => result.firstEventMs)),
      firstTokenMs: mean(results.map((result) => result.firstTokenMs)),
      eventsPerS: mean(results.map((result) => result.eventsPerS)),
      totalEventsPerS: results.reduce((sum, result) => sum + result.events, 0) / elapsedS,
    });
  }
  return rows;
}
