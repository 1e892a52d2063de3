import type { SentimentLabel } from '@textpulse/contracts';
import { wink } from './wink.js';

/** Scores at or above this are positive, at or below its negative are negative (VADER's convention). */
export const SENTIMENT_THRESHOLD = 0.05;

/**
 * Sentiment of `text` in [-1, 1] from wink-nlp: a lexicon of words, emoji and emoticons, with
 * negation ("not good" scores negative) handled per sentence; intensifiers change nothing. Rounded to 3 places.
 */
export function scoreSentiment(text: string): number {
  const score = wink.readDoc(text).out(wink.its.sentiment) as number;
  return Math.max(-1, Math.min(1, Math.round(score * 1000) / 1000));
}

export function labelSentiment(score: number): SentimentLabel {
  if (score >= SENTIMENT_THRESHOLD) return 'positive';
  if (score <= -SENTIMENT_THRESHOLD) return 'negative';
  return 'neutral';
}
