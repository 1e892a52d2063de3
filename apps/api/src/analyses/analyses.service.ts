import { Injectable } from '@nestjs/common';
import {
  type BodyOf,
  decodeCursor,
  type Endpoints,
  encodeCursor,
  type ParamsOf,
  type QueryOf,
  type ResultOf,
  type StoredAnalysis,
} from '@textpulse/contracts';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { AnalyzeService } from '../analyze/analyze.service.js';
import { NotFoundError } from '../common/problems/domain-errors.js';
import { analyses } from '../storage/schema.js';
import { Storage } from '../storage/storage.js';
import { API_VERSION } from '../version.js';
import { toStoredAnalysis } from './stored-analysis.js';

/**
 * Stored analyses, each its owner's: analyze and keep, page through newest first, read and delete
 * by id. The owner is part of every query, so another person's id is not found, like an unknown
 * one, without a second look that could tell them apart.
 */
@Injectable()
export class AnalysesService {
  constructor(
    private readonly storage: Storage,
    private readonly analyzeService: AnalyzeService,
  ) {}

  async create(
    request: BodyOf<Endpoints['createAnalysis']>,
    ownerId: string,
  ): Promise<StoredAnalysis> {
    const result = this.analyzeService.analyze(request);
    const [row] = await this.storage.run((db) =>
      db
        .insert(analyses)
        .values({
          id: uuidv7(),
          ownerId,
          createdAt: new Date(),
          version: API_VERSION,
          text: request.text,
          extractEntities: request.extract_entities,
          sentimentScore: result.sentiment_score,
          sentimentLabel: result.sentiment_label,
          wordCount: result.word_count,
          entities: result.entities ?? null,
        })
        .returning(),
    );
    if (!row) throw new Error('The insert returned no row');
    return toStoredAnalysis(row);
  }

  async list(
    query: QueryOf<Endpoints['listAnalyses']>,
    ownerId: string,
  ): Promise<ResultOf<Endpoints['listAnalyses']>> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const conditions: SQL[] = [eq(analyses.ownerId, ownerId)];
    if (after) conditions.push(lt(analyses.id, after));
    if (query.sentiment_label) conditions.push(eq(analyses.sentimentLabel, query.sentiment_label));
    const rows = await this.storage.run((db) =>
      db
        .select()
        .from(analyses)
        .where(and(...conditions))
        .orderBy(desc(analyses.id))
        .limit(query.limit + 1),
    );
    const items = rows.slice(0, query.limit).map(toStoredAnalysis);
    const last = items.at(-1);
    return { items, next_cursor: rows.length > query.limit && last ? encodeCursor(last.id) : null };
  }

  async get({ id }: ParamsOf<Endpoints['getAnalysis']>, ownerId: string): Promise<StoredAnalysis> {
    const [row] = await this.storage.run((db) =>
      db
        .select()
        .from(analyses)
        .where(and(eq(analyses.id, id), eq(analyses.ownerId, ownerId))),
    );
    if (!row) throw new NotFoundError(`No analysis has the id ${id}.`);
    return toStoredAnalysis(row);
  }

  async delete({ id }: ParamsOf<Endpoints['deleteAnalysis']>, ownerId: string): Promise<void> {
    const deleted = await this.storage.run((db) =>
      db
        .delete(analyses)
        .where(and(eq(analyses.id, id), eq(analyses.ownerId, ownerId)))
        .returning({ id: analyses.id }),
    );
    if (deleted.length === 0) throw new NotFoundError(`No analysis has the id ${id}.`);
  }
}
