import { describe, expect, it } from 'vitest';
import {
  extractEntities,
  extractEntitiesInSteps,
  STEP_LENGTH,
  sentencePieces,
} from './entities.js';

const paragraph =
  'Ada Lovelace wrote the first program in London, and the team at Acme Corp loved it. ' +
  'Grace Hopper found a bug in Harvard. Alan Turing worked in Manchester for years! ';
const long = paragraph.repeat(30);

/** Burns the CPU for about `ms` milliseconds, as a slow engine step would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Spinning on purpose.
  }
}

describe('sentencePieces', () => {
  it('cuts a text into consecutive pieces of at most the step length, after sentences', () => {
    const pieces = sentencePieces(long);
    expect(pieces.map((piece) => piece.text).join('')).toBe(long);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(STEP_LENGTH);
      expect(long.slice(piece.start, piece.start + piece.text.length)).toBe(piece.text);
      expect(piece.text).toMatch(/[.!?] ?$|^$/);
    }
  });

  it('never cuts inside a surrogate pair, even without spaces', () => {
    const emoji = '😀'.repeat(600);
    const pieces = sentencePieces(emoji, 101);
    expect(pieces.map((piece) => piece.text).join('')).toBe(emoji);
    const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const piece of pieces) expect(piece.text).not.toMatch(loneSurrogate);
  });
});

describe('extractEntitiesInSteps', () => {
  it('finds what extractEntities finds in the whole text, at the same offsets', async () => {
    const found = await extractEntitiesInSteps(long, new AbortController().signal);
    expect(found).toEqual(extractEntities(long));
    for (const entity of found) expect(long.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('stops at the next step once the signal is aborted, and rejects with AbortError', async () => {
    const controller = new AbortController();
    let steps = 0;
    const slowStep = (piece: string) => {
      steps += 1;
      busy(5);
      if (steps === 2) controller.abort();
      return extractEntities(piece);
    };
    await expect(extractEntitiesInSteps(long, controller.signal, slowStep)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(steps).toBe(2);
    expect(sentencePieces(long).length).toBeGreaterThan(5);
  });

  it('lets a timer that is due abort it between steps (as an attempt timeout does)', async () => {
    const controller = new AbortController();
    let steps = 0;
    const slowStep = (piece: string) => {
      steps += 1;
      busy(5);
      return extractEntities(piece);
    };
    // Due before the first step ends: it fires at the first yield that reaches the timers
    // (the first or, depending on the event loop's phase at the start, the second).
    setTimeout(() => controller.abort(), 0);
    await expect(extractEntitiesInSteps(long, controller.signal, slowStep)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(steps).toBeLessThanOrEqual(2);
    expect(sentencePieces(long).length).toBeGreaterThan(5);
  });
});
