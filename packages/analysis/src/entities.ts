import type { Entity, EntityType } from '@textpulse/contracts';
import nlp from 'compromise';

interface TermJson {
  pre: string;
  post: string;
  offset: { start: number; length: number };
}

interface MatchJson {
  terms: TermJson[];
}

/** A name continues into the next term only across plain spaces or hyphens, never across punctuation. */
const joinsNextTerm = (term: TermJson) => /^[\s-]*$/.test(term.post);

/** The first run of terms of a match that forms one name, as [start, end) into the text. */
function nameSpan(match: MatchJson): [number, number] | undefined {
  const [first, ...rest] = match.terms;
  if (!first) return undefined;
  let last = first;
  for (const term of rest) {
    // Stryker disable next-line MethodExpression: compromise puts whitespace in `post`, never in `pre`; trim() only guards against that changing
    if (!joinsNextTerm(last) || term.pre.trim() !== '') break;
    last = term;
  }
  return [first.offset.start, last.offset.start + last.offset.length];
}

/**
 * People, places and organizations named in `text`, found by compromise, in order of appearance,
 * with [start, end) offsets in UTF-16 code units so that text.slice(start, end) is the entity.
 */
export function extractEntities(text: string): Entity[] {
  const doc = nlp(text);
  // `offset: true` gives each term of a match its offset too.
  const matches = (view: { json(options: object): unknown }) =>
    view.json({ offset: true }) as MatchJson[];
  const found: Record<EntityType, MatchJson[]> = {
    person: matches(doc.people()),
    place: matches(doc.places()),
    organization: matches(doc.organizations()),
  };
  const entities = new Map<number, Entity>();
  for (const [type, matches] of Object.entries(found) as [EntityType, MatchJson[]][]) {
    for (const match of matches) {
      const span = nameSpan(match);
      if (!span || entities.has(span[0])) continue;
      const [start, end] = span;
      entities.set(start, { text: text.slice(start, end), type, start, end });
    }
  }
  return [...entities.values()].sort((a, b) => a.start - b.start);
}

/** About how much text one step of extractEntitiesInSteps reads: a few milliseconds of tagging. */
export const STEP_LENGTH = 500;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * `text` cut into consecutive pieces of at most `length` UTF-16 units, each ending after a
 * sentence (or else a space) where there is one, never inside a surrogate pair.
 */
export function sentencePieces(
  text: string,
  length = STEP_LENGTH,
): { start: number; text: string }[] {
  const pieces: { start: number; text: string }[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + length);
    if (end < text.length) {
      const window = text.slice(start, end);
      const sentenceEnd = Math.max(
        ...['. ', '! ', '? ', '\n'].map((mark) => window.lastIndexOf(mark)),
      );
      const space = window.lastIndexOf(' ');
      if (sentenceEnd > 0) end = start + sentenceEnd + 1;
      else if (space > 0) end = start + space;
      else if (isHighSurrogate(text.charCodeAt(end - 1)) && end - 1 > start) end -= 1;
    }
    pieces.push({ start, text: text.slice(start, end) });
    start = end;
  }
  return pieces;
}

/**
 * extractEntities a sentence-aligned piece at a time (STEP_LENGTH), yielding to the event loop
 * between pieces and stopping with an AbortError once `signal` is aborted: a caller that gives up
 * (a timeout, a client gone) abandons at most one piece of CPU work, not the whole text.
 */
export async function extractEntitiesInSteps(
  text: string,
  signal: AbortSignal,
  step: (piece: string) => Entity[] = extractEntities,
): Promise<Entity[]> {
  const entities: Entity[] = [];
  for (const piece of sentencePieces(text)) {
    signal.throwIfAborted();
    for (const entity of step(piece.text)) {
      entities.push({
        ...entity,
        start: entity.start + piece.start,
        end: entity.end + piece.start,
      });
    }
    // Timers (an attempt's timeout) and aborts get their turn before the next piece.
    await new Promise((resolve) => setImmediate(resolve));
  }
  signal.throwIfAborted();
  return entities;
}
