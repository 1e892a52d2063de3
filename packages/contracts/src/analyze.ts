import { z } from 'zod';
import { defineEndpoint } from './declaration.js';

import { ANALYZE_TEXT_LIMITS } from './limits.js';

export { ANALYZE_TEXT_LIMITS };

const exampleText =
  'Ada Lovelace wrote the first program in London, and the team at Acme Corp is not unhappy with it at all.';

/** Body of POST /v1/analyze. Unknown keys are rejected (422), so a misspelt field never goes unnoticed. */
export const AnalyzeRequest = z
  .strictObject({
    text: z
      .string()
      .min(ANALYZE_TEXT_LIMITS.min, `Enter at least ${ANALYZE_TEXT_LIMITS.min} characters.`)
      .max(ANALYZE_TEXT_LIMITS.max, `Enter at most ${ANALYZE_TEXT_LIMITS.max} characters.`)
      .meta({
        description: `Text to analyze, ${ANALYZE_TEXT_LIMITS.min}–${ANALYZE_TEXT_LIMITS.max} characters (Unicode code points, so 😀 counts once).`,
        example: exampleText,
      }),
    extract_entities: z.boolean().default(false).meta({
      description: 'Also extract named entities (people, places, organizations).',
      example: true,
    }),
  })
  .meta({
    id: 'AnalyzeRequest',
    description: 'Text to analyze. Unknown keys are rejected.',
    example: { text: exampleText, extract_entities: true },
  });
export type AnalyzeRequest = z.output<typeof AnalyzeRequest>;
export type AnalyzeRequestInput = z.input<typeof AnalyzeRequest>;

export const SentimentLabel = z.enum(['positive', 'neutral', 'negative']).meta({
  id: 'SentimentLabel',
  description: 'Sentiment class derived from sentiment_score by documented thresholds.',
  example: 'positive',
});
export type SentimentLabel = z.output<typeof SentimentLabel>;

export const EntityType = z.enum(['person', 'place', 'organization']).meta({
  id: 'EntityType',
  description: 'Kind of named entity.',
  example: 'person',
});
export type EntityType = z.output<typeof EntityType>;

export const Entity = z
  .object({
    text: z
      .string()
      .meta({ description: 'The entity as it appears in the text.', example: 'Ada Lovelace' }),
    type: EntityType,
    start: z.int().min(0).meta({
      description: 'Offset of the first character in the original text (UTF-16 code units).',
      example: 0,
    }),
    end: z.int().min(0).meta({
      description:
        'Offset just past the last character (exclusive), so text.slice(start, end) is the entity.',
      example: 12,
    }),
  })
  .meta({
    id: 'Entity',
    description: 'A named entity found in the text, with its offsets.',
    example: { text: 'Ada Lovelace', type: 'person', start: 0, end: 12 },
  });
export type Entity = z.output<typeof Entity>;

/** Result of POST /v1/analyze. */
export const AnalyzeResponse = z
  .object({
    sentiment_score: z.number().min(-1).max(1).meta({
      description: 'Sentiment from -1 (most negative) to 1 (most positive).',
      example: 0.5,
    }),
    sentiment_label: SentimentLabel,
    word_count: z.int().min(0).meta({
      description: 'Number of words, by Unicode word segmentation.',
      example: 21,
    }),
    entities: z.array(Entity).optional().meta({
      description:
        'Named entities in order of appearance; present only when extract_entities was true.',
    }),
  })
  .meta({
    id: 'AnalyzeResponse',
    description: 'Sentiment, word count and, when requested, entities of the text.',
    example: {
      sentiment_score: 0.5,
      sentiment_label: 'positive',
      word_count: 21,
      entities: [
        { text: 'Ada Lovelace', type: 'person', start: 0, end: 12 },
        { text: 'London', type: 'place', start: 40, end: 46 },
        { text: 'Acme Corp', type: 'organization', start: 64, end: 73 },
      ],
    },
  });
export type AnalyzeResponse = z.output<typeof AnalyzeResponse>;

/** POST /v1/analyze: stateless analysis of one text. */
export const analyzeEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/analyze',
  operationId: 'analyzeText',
  summary: 'Analyze a text',
  description:
    'Scores the sentiment of the text, counts its words and, when asked, extracts named entities with their offsets.',
  tag: 'analyze',
  body: AnalyzeRequest,
  invalidExample: { body: { text: 'Too short', colour: 'red' } },
  access: 'public',
  rateLimited: true,
  success: { status: 200, description: 'The analysis of the text.', schema: AnalyzeResponse },
});
