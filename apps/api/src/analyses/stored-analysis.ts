import type { AnalyzeResponse, StoredAnalysis } from '@textpulse/contracts';
import type { AnalysisRow } from '../storage/schema.js';

/** A field of the contract's StoredAnalysis, its analysis result's fields one by one. */
type ContractField = Exclude<keyof StoredAnalysis, 'result'> | `result.${keyof AnalyzeResponse}`;

/** Columns that say who may see a row, not what it holds: no contract field. */
type AccessColumn = 'ownerId';

/**
 * Which contract field each column of the analyses table feeds. The compiler holds it complete
 * both ways: a column without a field here, or a field no column feeds, fails typecheck.
 */
export const columnFields = {
  id: 'id',
  createdAt: 'created_at',
  version: 'version',
  text: 'text',
  extractEntities: 'extract_entities',
  sentimentScore: 'result.sentiment_score',
  sentimentLabel: 'result.sentiment_label',
  wordCount: 'result.word_count',
  entities: 'result.entities',
} as const satisfies Record<Exclude<keyof AnalysisRow, AccessColumn>, ContractField>;

type Fed = (typeof columnFields)[keyof typeof columnFields];
/** Fails to compile while some contract field is fed by no column. */
export const everyFieldFed: [ContractField] extends [Fed] ? true : never = true;

/** A row as the contract shows it. */
export function toStoredAnalysis(row: AnalysisRow): StoredAnalysis {
  return {
    id: row.id,
    created_at: row.createdAt.toISOString(),
    version: row.version,
    text: row.text,
    extract_entities: row.extractEntities,
    result: {
      sentiment_score: row.sentimentScore,
      sentiment_label: row.sentimentLabel,
      word_count: row.wordCount,
      ...(row.entities ? { entities: row.entities } : {}),
    },
  };
}
