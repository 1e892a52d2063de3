import { z } from 'zod';
import { defineEndpoint, EVENT_STREAM_MEDIA_TYPE } from './declaration.js';
import { problem } from './problem.js';
import { Attempt, INVALID_PROMPT_EXAMPLE, PromptFailure, PromptRequest } from './prompt.js';

const model = Attempt.shape.model;

/** A model of the chain starts its attempt; its tokens, if any, follow. */
export const PromptStreamAttempt = z
  .object({
    type: z.literal('attempt'),
    model,
  })
  .meta({
    id: 'PromptStreamAttempt',
    description:
      'A model of the chain starts its attempt. Until its first token it may still fail and hand over to the next model.',
    example: { type: 'attempt', model: 'local' },
  });

/** A piece of the answer, in order: the answer is the concatenation of every token's text. */
export const PromptStreamToken = z
  .object({
    type: z.literal('token'),
    text: z.string().meta({ description: 'The next piece of the answer.', example: 'The new ' }),
  })
  .meta({
    id: 'PromptStreamToken',
    description:
      'The next piece of the answer of the model of the last `attempt` event; the answer is the concatenation of every token in order.',
    example: { type: 'token', text: 'The new ' },
  });

/** A model's attempt failed: the next model takes over if it had sent no token yet. */
export const PromptStreamAttemptFailed = z
  .object({
    type: z.literal('attempt_failed'),
    model,
    duration_ms: Attempt.shape.duration_ms,
    error: z.string().meta({
      description: 'Why the attempt failed. Never holds secrets.',
      example: 'Timed out after 2000 ms',
    }),
  })
  .meta({
    id: 'PromptStreamAttemptFailed',
    description:
      'The attempt of a model failed. Before its first token, the next model of the chain takes over; after it, an `error` event ends the stream, so no answer is ever spliced from two models.',
    example: {
      type: 'attempt_failed',
      model: 'openai:gpt-4o-mini',
      duration_ms: 2001.5,
      error: 'Timed out after 2000 ms',
    },
  });

/** Token counts, when the provider reports them. */
export const TokenUsage = z
  .object({
    prompt_tokens: z.int().min(0).meta({ description: 'Tokens of the prompt.', example: 18 }),
    completion_tokens: z.int().min(0).meta({ description: 'Tokens of the answer.', example: 12 }),
  })
  .meta({
    id: 'TokenUsage',
    description: "Token counts as the model's provider reports them.",
    example: { prompt_tokens: 18, completion_tokens: 12 },
  });

/** The answer is complete: who gave it, the whole fallback trail, and the usage when known. */
export const PromptStreamDone = z
  .object({
    type: z.literal('done'),
    model: model.meta({ description: 'The model that answered.', example: 'local' }),
    attempts: z
      .array(Attempt)
      .meta({ description: 'Every model tried, in order; the last one answered.' }),
    usage: TokenUsage.optional(),
  })
  .meta({
    id: 'PromptStreamDone',
    description:
      'The last event of a successful stream: the model that answered, every attempt, and the token usage when the provider reports it.',
    example: {
      type: 'done',
      model: 'local',
      attempts: [
        {
          model: 'openai:gpt-4o-mini',
          ok: false,
          duration_ms: 2001.5,
          error: 'Timed out after 2000 ms',
        },
        { model: 'local', ok: true, duration_ms: 3.2 },
      ],
    },
  });

/** The stream failed: a problem with the attempts, as /v1/prompt would have answered it. */
export const PromptStreamError = z
  .object({
    type: z.literal('error'),
    problem: PromptFailure.partial({ attempts: true }).meta({
      description:
        'The problem /v1/prompt would answer, with every attempt made (none on a 500 before the first).',
    }),
  })
  .meta({
    id: 'PromptStreamError',
    description:
      'The last event of a failed stream, carrying the problem /v1/prompt would answer: 502 when every model failed or the answering model failed mid-answer, 504 when the request deadline passed, 500 on an unexpected error.',
    example: {
      type: 'error',
      problem: problem('upstream-failed', {
        detail: 'Every model in the chain failed: openai:gpt-4o-mini.',
        instance: '/v1/prompt/stream',
        attempts: [
          {
            model: 'openai:gpt-4o-mini',
            ok: false,
            duration_ms: 12.5,
            error: 'HTTP 500 from the provider',
          },
        ],
      }),
    },
  });

/** One event of POST /v1/prompt/stream, told apart by `type` (also the SSE event name). */
export const PromptStreamEvent = z
  .discriminatedUnion('type', [
    PromptStreamAttempt,
    PromptStreamToken,
    PromptStreamAttemptFailed,
    PromptStreamDone,
    PromptStreamError,
  ])
  .meta({
    id: 'PromptStreamEvent',
    description:
      'The data of one server-sent event of /v1/prompt/stream; its `type` is also the event name.',
    example: { type: 'token', text: 'The new ' },
  });
export type PromptStreamEvent = z.output<typeof PromptStreamEvent>;
export type PromptStreamEventType = PromptStreamEvent['type'];

/** POST /v1/prompt/stream: the model chain's answer as it is generated. */
export const promptStreamEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/prompt/stream',
  operationId: 'streamPrompt',
  summary: 'Stream the answer to a prompt as server-sent events',
  description: [
    'The same chain as /v1/prompt, answered token by token as `text/event-stream`. A request that breaks the schema is still answered with a problem before any event.',
    '',
    'Each event is one `event: <type>` line and one `data: <JSON>` line, ended by a blank line; the JSON is a `PromptStreamEvent` whose `type` is the event name. Lines starting with `:` are heartbeats sent while nothing else is; ignore them.',
    '',
    'A stream is: for each model tried, `attempt`, then either `token`s or `attempt_failed`; it ends with `done` (after the tokens of the model that answered) or with `error` (a problem with the attempts: 502, 504 or 500). A model that fails before its first token hands over to the next; one that fails after it ends the stream with `attempt_failed` and `error`. The attempt timeout bounds the wait for the first token and every gap between tokens; the request deadline bounds the whole stream. Closing the connection stops the models at once.',
  ].join('\n'),
  tag: 'prompt',
  access: 'optional',
  body: PromptRequest,
  invalidExample: INVALID_PROMPT_EXAMPLE,
  rateLimited: true,
  success: {
    status: 200,
    description: 'A stream of server-sent events, each a PromptStreamEvent.',
    schema: PromptStreamEvent,
    mediaType: EVENT_STREAM_MEDIA_TYPE,
  },
});
