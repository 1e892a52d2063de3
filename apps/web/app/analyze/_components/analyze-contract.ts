import { zodResolver } from '@hookform/resolvers/zod';
import { CreateAnalysisRequest } from '@textpulse/contracts/analyses';
import {
  AnalyzeRequest,
  type AnalyzeRequestInput,
  AnalyzeResponse,
} from '@textpulse/contracts/analyze';
import type { UseFormSetError } from 'react-hook-form';
import { applyFailure, fieldsOf } from '@/lib/browser/apply-failure';
import { submitCreation, submitJson } from '@/lib/browser/submit-json';

// What the analyze form does with the contract: loaded on demand (lib/browser/on-demand.ts), so the page's
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

/**
 * Stores what was analyzed through /api/analyses, in one request: where the history shows it (the
 * Location the web tier answers with), or the failure on the form. The API analyzes the text
 * itself: a result the browser sends is never trusted, and a preview is never stored.
 */
export async function save(
  request: AnalyzeRequest,
  setError: SetError,
): Promise<string | undefined> {
  const submission = await submitCreation('/api/analyses', request);
  if (submission.ok) return submission.data;
  applyFailure<AnalyzeRequestInput>(setError, submission, fieldsOf(CreateAnalysisRequest));
  return undefined;
}
