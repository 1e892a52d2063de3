import type { Entity } from '@textpulse/contracts';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Stored analyses. Ids are UUIDv7, so ordering by id is ordering by time of creation. */
export const analyses = pgTable(
  'analyses',
  {
    id: uuid('id').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: text('version').notNull(),
    text: text('text').notNull(),
    extractEntities: boolean('extract_entities').notNull(),
    sentimentScore: doublePrecision('sentiment_score').notNull(),
    sentimentLabel: text('sentiment_label', {
      enum: ['positive', 'neutral', 'negative'],
    }).notNull(),
    wordCount: integer('word_count').notNull(),
    entities: jsonb('entities').$type<Entity[]>(),
  },
  (table) => [index('analyses_sentiment_label_id').on(table.sentimentLabel, table.id)],
);

export type AnalysisRow = typeof analyses.$inferSelect;
