import type { ItemSentence, ItemToken } from 'wink-nlp';
import { wink } from './wink.js';

export interface Digest {
  sentences: number;
  keyTerms: string[];
  /** The sentence that carries the most key-term weight: a one-sentence extractive summary. */
  summary: string;
}

/** Key terms (frequent non-stop words, ties by first appearance) and the most representative sentence. */
export function digest(text: string, maxTerms = 5): Digest {
  const { its } = wink;
  const doc = wink.readDoc(text);
  const frequency = new Map<string, number>();
  doc.tokens().each((token: ItemToken) => {
    if (token.out(its.type) !== 'word' || token.out(its.stopWordFlag)) return;
    const term = (token.out(its.normal) as string).toLowerCase();
    if (term.length > 1) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  });
  const keyTerms = [...frequency.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxTerms)
    .map(([term]) => term);

  // Stryker disable next-line StringLiteral: wink gives every text a sentence (an empty one for ''), which always replaces this
  let summary = '';
  let best = -1;
  doc.sentences().each((sentence: ItemSentence) => {
    let weight = 0;
    sentence.tokens().each((token: ItemToken) => {
      weight += frequency.get((token.out(its.normal) as string).toLowerCase()) ?? 0;
    });
    if (weight > best) {
      best = weight;
      summary = sentence.out() as string;
    }
  });
  return { sentences: doc.sentences().length(), keyTerms, summary };
}
