/**
 * @textpulse/analysis — the text-analysis engine behind POST /v1/analyze and the local model:
 * pure functions of a text, shared by the API and the benchmarks.
 */
export { analyzeText } from './analyze-text.js';
export { extractEntities, extractEntitiesInSteps, sentencePieces } from './entities.js';
export { type Digest, digest } from './key-terms.js';
export { labelSentiment, SENTIMENT_THRESHOLD, scoreSentiment } from './sentiment.js';
export { countWords } from './words.js';
