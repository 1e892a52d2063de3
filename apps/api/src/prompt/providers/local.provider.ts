import { Injectable } from '@nestjs/common';
import { analyzeText, digest, extractEntitiesInSteps } from '@textpulse/analysis';
import type {
  Completion,
  CompletionRequest,
  ModelProvider,
  StreamPiece,
} from './model-provider.js';

/**
 * The built-in offline model: a deterministic reading of the prompt by the analysis engine —
 * its sentiment, size, key terms, named entities and most representative sentence. It needs no
 * network and no key, so the chain always has a last resort. Entity extraction, most of its CPU
 * time, runs a sentence-aligned piece at a time and stops when the attempt is abandoned. Streamed,
 * the answer comes a word at a time, each with the whitespace before it.
 */
@Injectable()
export class LocalModelProvider implements ModelProvider {
  readonly name = 'local';

  async complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion> {
    return { text: await this.answer(request, signal) };
  }

  async *stream(request: CompletionRequest, signal: AbortSignal): AsyncIterable<StreamPiece> {
    const answer = await this.answer(request, signal);
    for (const [word] of answer.matchAll(/\s*\S+|\s+$/g)) {
      signal.throwIfAborted();
      yield { text: word };
    }
  }

  private async answer(
    { prompt, maxTokens }: CompletionRequest,
    signal: AbortSignal,
  ): Promise<string> {
    signal.throwIfAborted();
    const analysis = analyzeText({ text: prompt, extract_entities: false });
    const { sentences, keyTerms, summary } = digest(prompt);
    // The costly part, a piece at a time: an attempt's timeout or a client gone stops it.
    const entities = await extractEntitiesInSteps(prompt, signal);
    const lines = [
      'Local model (offline, deterministic): I cannot generate free text, so here is a reading of your prompt.',
      `Sentiment: ${analysis.sentiment_label} (${analysis.sentiment_score}).`,
      `Size: ${analysis.word_count} ${analysis.word_count === 1 ? 'word' : 'words'} in ${sentences} ${sentences === 1 ? 'sentence' : 'sentences'}.`,
      `Key terms: ${keyTerms.length > 0 ? keyTerms.join(', ') : 'none'}.`,
      `Named: ${entities.length > 0 ? entities.map((entity) => `${entity.text} (${entity.type})`).join(', ') : 'nobody and nowhere'}.`,
      `Gist: ${summary}`,
    ];
    const output = lines.join('\n');
    // A token is roughly four characters of English; honour max_tokens like a real model would.
    return maxTokens === undefined ? output : output.slice(0, maxTokens * 4);
  }
}
