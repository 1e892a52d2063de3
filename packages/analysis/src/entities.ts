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
  const found: Record<EntityType, MatchJson[]> = {
    person: doc.people().json({ offset: true, terms: { offset: true } }),
    place: doc.places().json({ offset: true, terms: { offset: true } }),
    organization: doc.organizations().json({ offset: true, terms: { offset: true } }),
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
