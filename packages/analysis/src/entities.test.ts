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
  it('cuts after the last sentence of the window, else before its last space, else at its end', () => {
    const texts = (text: string, length: number) =>
      sentencePieces(text, length).map((piece) => piece.text);
    expect(texts('One. Two! Three? Four five', 12)).toEqual(['One. Two!', ' Three?', ' Four five']);
    expect(texts('Line one\nline two', 12)).toEqual(['Line one\n', 'line two']);
    expect(texts('aaaa bbbb cccc', 7)).toEqual(['aaaa', ' bbbb', ' cccc']);
    // A mark or a space at the very start of the window is no place to cut: that piece would be empty or one unit.
    expect(texts('. aaa bbb ccc', 9)).toEqual(['. aaa', ' bbb ccc']);
    expect(texts(' aaaaaaaaa', 5)).toEqual([' aaaa', 'aaaaa']);
    expect(texts('a'.repeat(250), 100).map((piece) => piece.length)).toEqual([100, 100, 50]);
    expect(sentencePieces('aaaa bbbb cccc', 7).map((piece) => piece.start)).toEqual([0, 4, 9]);
  });

  it('moves a cut back one unit only where it would split a pair, whichever the pair', () => {
    // U+10000 (\ud800\udc00) and U+10FFFF (\udbff\udfff): the ends of the high surrogates' range.
    for (const pair of ['\u{10000}', '\u{10FFFF}', '😀']) {
      const text = `a${pair.repeat(4)}`;
      expect(sentencePieces(text, 4).map((piece) => piece.text)).toEqual([
        `a${pair}`,
        pair.repeat(2),
        pair,
      ]);
    }
    // The unit before the cut decides, not one after it.
    expect(sentencePieces('ab😀c', 3).map((piece) => piece.text)).toEqual(['ab', '😀c']);
    // A piece of one unit cannot hold a pair: it is split rather than never moving on.
    expect(sentencePieces('😀', 1).map((piece) => piece.text)).toEqual(['\ud83d', '\ude00']);
    // The unit just below the range (U+D7FF) is no surrogate: nothing to move.
    expect(sentencePieces('\ud7ff'.repeat(5), 2).map((piece) => piece.text.length)).toEqual([
      2, 2, 1,
    ]);
  });
});

describe('extractEntitiesInSteps', () => {
  it('finds what extractEntities finds in the whole text, at the same offsets', async () => {
    const found = await extractEntitiesInSteps(long, new AbortController().signal);
    expect(found).toEqual(extractEntities(long));
    for (const entity of found) expect(long.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('rejects when the signal is aborted during the last step too', async () => {
    const controller = new AbortController();
    const pieces = sentencePieces(long).length;
    let steps = 0;
    const lastAborts = (piece: string) => {
      steps += 1;
      if (steps === pieces) controller.abort();
      return extractEntities(piece);
    };
    await expect(extractEntitiesInSteps(long, controller.signal, lastAborts)).rejects.toMatchObject(
      {
        name: 'AbortError',
      },
    );
    expect(steps).toBe(pieces);
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
    let stepsWhenFired: number | undefined;
    const slowStep = (piece: string) => {
      steps += 1;
      busy(5);
      return extractEntities(piece);
    };
    // Start in the event loop's check phase (a setImmediate callback), so the event loop's order
    // is known: the timer is due once the first step's 5 ms of work is done, and the step's yield
    // (setImmediate, queued from the check phase) waits for the next turn of the loop, whose
    // timers phase comes first. So the timer fires after exactly one step, whatever the load.
    await new Promise((resolve) => setImmediate(resolve));
    setTimeout(() => {
      stepsWhenFired = steps;
      controller.abort();
    }, 0);
    await expect(extractEntitiesInSteps(long, controller.signal, slowStep)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(stepsWhenFired, 'the timer fired between the first step and the second').toBe(1);
    expect(steps, 'no step ran after the abort').toBe(1);
    expect(sentencePieces(long).length).toBeGreaterThan(5);
  });
});
