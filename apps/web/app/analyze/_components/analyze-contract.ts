import { zodResolver } from '@hookform/resolvers/zod';
import { CreateAnalysisRequest, StoredAnalysis } from '@textpulse/contracts/analyses';
import {
  AnalyzeRequest,
  type AnalyzeRequestInput,
  AnalyzeResponse,
} from '@textpulse/contracts/analyze';
import type { UseFormSetError } from 'react-hook-form';
import { applyFailure, fieldsOf } from '../../../lib/apply-failure';
import { submitJson } from '../../../lib/submit-json';

// What the analyze form does with the contract: loaded on demand (lib/on-demand.ts), so the page's
// first-load JS holds no schema and no Zod.

export const resolver = zodResolver(AnalyzeRequest);

type SetError = UseFormSetError<AnalyzeRequestInput>;

/** Analyzes through /api/analyze; a failure goes back on the form. */
export async function analyze(
  values: AnalyzeRequest,
  setError: SetError,
): Promise<AnalyzeResponse | undefined> {
  const submission = await submitJson('/api/analyze', values, AnalyzeResponse);
  if (submission.ok) return submission.data;
  applyFailure<AnalyzeRequestInput>(setError, submission, fieldsOf(AnalyzeRequest));
  return undefined;
}

/** Stores what was analyzed through /api/analyses: its id, or the failure on the form. */
export async function save(
  request: AnalyzeRequest,
  setError: SetError,
): Promise<string | undefined> {
  const submission = await submitJson('/api/analyses', request, StoredAnalysis);
  if (submission.ok) return submission.data.id;
  applyFailure<AnalyzeRequestInput>(setError, submission, fieldsOf(CreateAnalysisRequest));
  return undefined;
}
