const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** Number of words by Unicode word segmentation (UAX #29): punctuation, spaces and emoji are not words. */
export function countWords(text: string): number {
  let count = 0;
  for (const segment of segmenter.segment(text)) {
    if (segment.isWordLike) count += 1;
  }
  return count;
}
