import type { AnalyzeRequest, AnalyzeResponse } from '@textpulse/contracts';
import { extractEntities } from './entities.js';
import { labelSentiment, scoreSentiment } from './sentiment.js';
import { countWords } from './words.js';

/** The whole analysis of a validated request. */
export function analyzeText({ text, extract_entities }: AnalyzeRequest): AnalyzeResponse {
  const sentiment_score = scoreSentiment(text);
  return {
    sentiment_score,
    sentiment_label: labelSentiment(sentiment_score),
    word_count: countWords(text),
    ...(extract_entities ? { entities: extractEntities(text) } : {}),
  };
}
