import { Inject, Injectable } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import type { Attempt, BodyOf, Endpoints, PromptStreamEvent, ResultOf } from '@textpulse/contracts';
import { z } from 'zod';
import type { Caller } from '../auth/caller.js';
import {
  DeadlineExceededError,
  type DomainError,
  InvalidInputError,
  UnauthorizedError,
  UpstreamFailedError,
} from '../common/problems/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { raceAbort, untilAborted } from './abortable.js';
import {
  endAttemptSpan,
  recordAttempt,
  recordFallback,
  startAttemptSpan,
  withContext,
} from './attempt-telemetry.js';
import { resolveModel } from './providers/model-names.js';
import {
  type CompletionRequest,
  MODEL_PROVIDERS,
  ModelFailure,
  type ModelProvider,
  type Usage,
} from './providers/model-provider.js';
import { type TimeoutSignal, timeoutSignal } from './timeout-signal.js';

type PromptRequest = BodyOf<Endpoints['prompt']>;

/** What a stream of events for a prompt request is. */
export type PromptEvents = AsyncGenerator<PromptStreamEvent, void, undefined>;

/**
 * The fallback chain: tries each model in order, each attempt bounded by its own timeout and all
 * of them by the request deadline, and answers with the first success and every attempt made —
 * whole (answer) or as it is generated (stream). `clientGone` (the client closed the connection)
 * stops either at once, the model's work included.
 */
@Injectable()
export class PromptService {
  private readonly allowedModels: z.ZodType<string[]>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MODEL_PROVIDERS) private readonly providers: readonly ModelProvider[],
  ) {
    const allowed = config.allowedModels;
    this.allowedModels = z.array(
      z.string().refine((name) => allowed.includes(name), `Use one of ${allowed.join(', ')}`),
    );
  }

  /** Tries the chain until a model answers, within the deadline. */
  async answer(
    request: PromptRequest,
    caller: Caller | undefined,
    clientGone: AbortSignal = new AbortController().signal,
  ): Promise<ResultOf<Endpoints['prompt']>> {
    const models = this.chainFor(request, caller);
    const deadline = timeoutSignal(this.config.promptDeadlineMs);
    const stop = AbortSignal.any([deadline.signal, clientGone]);
    const attempts: Attempt[] = [];
    try {
      for (const model of models) {
        if (stop.aborted) break;
        if (attempts.length > 0) recordFallback(model);
        const attempt = this.startAttempt(model, stop);
        try {
          const { text, usage } = await attempt.run(() =>
            raceAbort(
              this.providerOf(model).complete(completionOf(model, request), attempt.signal),
              attempt.signal,
            ),
          );
          attempts.push(attempt.record(undefined, usage));
          return { model, output: text, attempts };
        } catch (error) {
          attempts.push(attempt.record(this.failureReason(error, deadline, attempt.timeout)));
        } finally {
          attempt.timeout.clear();
        }
      }
    } finally {
      deadline.clear();
    }
    // Nobody is left to answer: what the handler returns is never sent.
    clientGone.throwIfAborted();
    throw this.chainFailure(models, deadline.signal.aborted, attempts);
  }

  /**
   * The chain's answer as events, as it is generated: the request is checked now (a 422 before
   * any event), the models are asked as the events are read. A model that fails before its first
   * token hands over to the next; one that fails after it ends the stream. The attempt timeout
   * bounds the wait for each token, the first included. The stream ends with `done`, or throws
   * the DomainError /v1/prompt would answer; when the client is gone it just ends.
   */
  stream(
    request: PromptRequest,
    caller: Caller | undefined,
    clientGone: AbortSignal = new AbortController().signal,
  ): PromptEvents {
    return this.streamChain(this.chainFor(request, caller), request, clientGone);
  }

  private async *streamChain(
    models: string[],
    request: PromptRequest,
    clientGone: AbortSignal,
  ): PromptEvents {
    const deadline = timeoutSignal(this.config.promptDeadlineMs);
    const stop = AbortSignal.any([deadline.signal, clientGone]);
    const attempts: Attempt[] = [];
    try {
      for (const model of models) {
        if (stop.aborted) break;
        if (attempts.length > 0) recordFallback(model);
        yield { type: 'attempt', model };
        const attempt = this.startAttempt(model, stop);
        let answering = false;
        let usage: Usage | undefined;
        try {
          const pieces = attempt.iterate(
            this.providerOf(model).stream(completionOf(model, request), attempt.signal),
          );
          for await (const piece of untilAborted(pieces, attempt.signal)) {
            attempt.timeout.refresh();
            if ('usage' in piece) {
              usage = piece.usage;
              continue;
            }
            if (!answering) attempt.firstToken();
            answering = true;
            yield { type: 'token', text: piece.text };
          }
          attempts.push(attempt.record(undefined, usage));
          yield { type: 'done', model, attempts, ...(usage ? { usage } : {}) };
          return;
        } catch (error) {
          if (clientGone.aborted) {
            attempt.record('The client went away');
            return;
          }
          const reason = this.failureReason(error, deadline, attempt.timeout);
          const failed = attempt.record(reason);
          attempts.push(failed);
          yield { type: 'attempt_failed', model, duration_ms: failed.duration_ms, error: reason };
          if (answering && !deadline.signal.aborted) {
            throw new UpstreamFailedError(`${model} failed after it began answering: ${reason}.`, {
              attempts,
            });
          }
        } finally {
          attempt.timeout.clear();
        }
      }
      if (clientGone.aborted) return;
      throw this.chainFailure(models, deadline.signal.aborted, attempts);
    } finally {
      deadline.clear();
    }
  }

  /**
   * The requested chain, or the configured one; a model outside the allow-list is a 422 at its
   * index. Models other than the built-in local one cost money: without a caller, 401.
   */
  private chainFor(request: PromptRequest, caller: Caller | undefined): string[] {
    const models = this.allowedChain(request);
    const paid = models.filter((model) => resolveModel(model)?.provider !== 'local');
    if (!caller && paid.length > 0) {
      throw new UnauthorizedError(
        `Models other than local need a signed-in caller (a session or an API key): ${paid.join(', ')}.`,
      );
    }
    return models;
  }

  private allowedChain(request: PromptRequest): string[] {
    if (!request.models) return this.config.models;
    const parsed = this.allowedModels.safeParse(request.models);
    if (parsed.success) return parsed.data;
    throw new InvalidInputError(
      new z.ZodError(
        parsed.error.issues.map((issue) => ({ ...issue, path: ['models', ...issue.path] })),
      ),
    );
  }

  /**
   * One model's attempt: its own timeout under `stop`, and its record, made when it ends. When
   * tracing is on it is a span, `chat <model>` (the GenAI conventions' name and attributes), in
   * which the provider's work runs and which its record ends with the outcome and token counts.
   */
  private startAttempt(model: string, stop: AbortSignal) {
    const timeout = timeoutSignal(this.config.modelTimeoutMs);
    const started = performance.now();
    const span = startAttemptSpan(model);
    return {
      timeout,
      signal: AbortSignal.any([stop, timeout.signal]),
      /** Runs the provider's call in the attempt's span, so that its requests are children of it. */
      run: <T>(call: () => T): T => (span ? context.with(span.context, call) : call()),
      /** Reads a provider's stream in the attempt's span, each piece's work included. */
      iterate: <T>(pieces: AsyncIterable<T>): AsyncIterable<T> =>
        span ? withContext(pieces, span.context) : pieces,
      firstToken: () => span?.span.addEvent('gen_ai.first_token'),
      record: (error?: string, usage?: Usage): Attempt => {
        const elapsedMs = performance.now() - started;
        if (span) endAttemptSpan(span.span, error, usage);
        recordAttempt(model, elapsedMs / 1000, error, usage);
        return {
          model,
          ok: error === undefined,
          duration_ms: Math.round(elapsedMs * 10) / 10,
          ...(error === undefined ? {} : { error }),
        };
      },
    };
  }

  /** Why an attempt failed, in words safe to show a client. */
  private failureReason(error: unknown, deadline: TimeoutSignal, timeout: TimeoutSignal): string {
    if (deadline.signal.aborted) {
      return `Request deadline of ${this.config.promptDeadlineMs} ms exceeded`;
    }
    if (timeout.signal.aborted) return `Timed out after ${this.config.modelTimeoutMs} ms`;
    return error instanceof ModelFailure ? error.message : 'The model failed';
  }

  /** The problem of a chain that gave no answer: 504 past the deadline, else 502. */
  private chainFailure(models: string[], pastDeadline: boolean, attempts: Attempt[]): DomainError {
    return pastDeadline
      ? new DeadlineExceededError(
          `No model answered within the ${this.config.promptDeadlineMs} ms deadline.`,
          { attempts },
        )
      : new UpstreamFailedError(`Every model in the chain failed: ${models.join(', ')}.`, {
          attempts,
        });
  }

  /** The provider serving a chain model; a model none serves fails its attempt. */
  private providerOf(chainModel: string): ModelProvider {
    const resolved = resolveModel(chainModel);
    const provider = this.providers.find((candidate) => candidate.name === resolved?.provider);
    if (!provider) throw new ModelFailure(`No provider serves "${chainModel}"`);
    return provider;
  }
}

/** What a provider is asked: the model's own name, without the provider prefix. */
function completionOf(chainModel: string, request: PromptRequest): CompletionRequest {
  return {
    model: resolveModel(chainModel)?.model ?? chainModel,
    prompt: request.prompt,
    maxTokens: request.max_tokens,
    temperature: request.temperature,
  };
}
