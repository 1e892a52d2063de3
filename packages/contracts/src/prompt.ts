import { z } from 'zod';
import { defineEndpoint } from './declaration.js';
import { PROMPT_LIMITS } from './limits.js';
import { Problem, problem } from './problem.js';

export { PROMPT_LIMITS };

export const ModelName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^\S*$/, 'Model names contain no whitespace.')
  .meta({
    id: 'ModelName',
    description:
      'A model of the chain: "local" (built in, offline, open to anyone) or "<provider>:<model>" for a provider the server has configured, such as "openai:llama3.2" on its OpenAI-compatible server, which needs a signed-in caller (401 without). A name no provider serves is answered 422.',
    example: 'local',
  });

const examplePrompt = 'Summarize in one sentence: the new release is fast, but the docs are thin.';

/** Body of POST /v1/prompt. Unknown keys are rejected (422). */
export const PromptRequest = z
  .strictObject({
    prompt: z
      .string()
      .min(PROMPT_LIMITS.min, `Enter at least ${PROMPT_LIMITS.min} characters.`)
      .max(PROMPT_LIMITS.max, `Enter at most ${PROMPT_LIMITS.max} characters.`)
      .meta({
        description: `The prompt, ${PROMPT_LIMITS.min}–${PROMPT_LIMITS.max} characters (Unicode code points, so 😀 counts once).`,
        example: examplePrompt,
      }),
    models: z
      .array(ModelName)
      .min(1)
      .max(PROMPT_LIMITS.maxModels)
      .optional()
      .meta({
        description: `Models to try in order, overriding the configured chain (1–${PROMPT_LIMITS.maxModels}).`,
        example: ['local'],
      }),
    max_tokens: z.int().min(1).max(PROMPT_LIMITS.maxTokens).optional().meta({
      description: 'Upper bound on the length of the answer, in tokens.',
      example: 256,
    }),
    temperature: z.number().min(0).max(2).optional().meta({
      description: 'Sampling temperature; 0 is the most deterministic.',
      example: 0.2,
    }),
  })
  .meta({
    id: 'PromptRequest',
    description: 'A prompt for the model chain. Unknown keys are rejected.',
    example: { prompt: examplePrompt, max_tokens: 256 },
  });
export type PromptRequest = z.output<typeof PromptRequest>;
export type PromptRequestInput = z.input<typeof PromptRequest>;

export const Attempt = z
  .object({
    model: z.string().meta({ description: 'The model tried.', example: 'local' }),
    ok: z.boolean().meta({ description: 'Whether this model answered.', example: true }),
    duration_ms: z.number().min(0).meta({
      description: 'Wall-clock time of the attempt, in milliseconds.',
      example: 3.2,
    }),
    error: z.string().optional().meta({
      description: 'Why the attempt failed; absent on success. Never holds secrets.',
      example: 'HTTP 503 from the provider',
    }),
  })
  .meta({
    id: 'Attempt',
    description: 'One model tried by the fallback chain.',
    example: { model: 'local', ok: true, duration_ms: 3.2 },
  });
export type Attempt = z.output<typeof Attempt>;

const exampleAttempts = [
  { model: 'openai:gpt-4o-mini', ok: false, duration_ms: 2001.5, error: 'Timed out after 2000 ms' },
  { model: 'local', ok: true, duration_ms: 3.2 },
];

/** Result of POST /v1/prompt: the model that answered, its answer, and every attempt in order. */
export const PromptResponse = z
  .object({
    model: z.string().meta({ description: 'The model that answered.', example: 'local' }),
    output: z.string().meta({
      description: 'The answer.',
      example: 'The new release is fast, but its docs are thin.',
    }),
    attempts: z
      .array(Attempt)
      .meta({ description: 'Every model tried, in order; the last one answered.' }),
  })
  .meta({
    id: 'PromptResponse',
    description: 'The answer and the fallback trail.',
    example: {
      model: 'local',
      output:
        'Local model (offline, deterministic): I cannot generate free text, so here is a reading of your prompt.\nSentiment: neutral (0).\nSize: 14 words in 1 sentence.\nKey terms: summarize, sentence, new, release, fast.\nNamed: nobody and nowhere.\nGist: Summarize in one sentence: the new release is fast, but the docs are thin.',
      attempts: exampleAttempts,
    },
  });
export type PromptResponse = z.output<typeof PromptResponse>;

/** Problem body of a failed prompt (502 every model failed, 504 deadline passed): it carries the attempts. */
export const PromptFailure = Problem.extend({
  attempts: z
    .array(Attempt)
    .meta({ description: 'Every model tried, in order, and how it failed.' }),
}).meta({
  id: 'PromptFailure',
  description: 'Problem details (RFC 9457) with the attempts of the fallback chain.',
  example: {
    type: '/problems/upstream-failed',
    title: 'Every model failed',
    status: 502,
    detail: 'Every model in the chain failed: openai:gpt-4o-mini.',
    instance: '/v1/prompt',
    attempts: [
      {
        model: 'openai:gpt-4o-mini',
        ok: false,
        duration_ms: 12.5,
        error: 'HTTP 500 from the provider',
      },
    ],
  },
});
export type PromptFailure = z.output<typeof PromptFailure>;

/** A prompt body that breaks PromptRequest: the documented 422 of both prompt operations. */
export const INVALID_PROMPT_EXAMPLE = { body: { prompt: 'Hi', temperature: 3 } } as const;

/** POST /v1/prompt: the model chain, with fallback. */
export const promptEndpoint = defineEndpoint({
  method: 'post',
  path: '/v1/prompt',
  operationId: 'answerPrompt',
  summary: 'Answer a prompt through the model chain',
  description:
    'Tries each model of the chain in order, each with its own timeout under one request deadline, and returns the first answer with the trail of attempts.',
  tag: 'prompt',
  access: 'optional',
  body: PromptRequest,
  invalidExample: INVALID_PROMPT_EXAMPLE,
  rateLimited: true,
  success: {
    status: 200,
    description: 'The first answer of the chain, with every attempt.',
    schema: PromptResponse,
  },
  problems: {
    'upstream-failed': {
      schema: PromptFailure,
      example: problem('upstream-failed', {
        detail: 'Every model in the chain failed: openai:gpt-4o-mini, openai:llama3.2.',
        instance: '/v1/prompt',
        attempts: [
          {
            model: 'openai:gpt-4o-mini',
            ok: false,
            duration_ms: 8.1,
            error: 'HTTP 500 from the provider',
          },
          {
            model: 'openai:llama3.2',
            ok: false,
            duration_ms: 2.3,
            error: 'HTTP 429 from the provider (Retry-After: 7)',
          },
        ],
      }),
    },
    'deadline-exceeded': {
      schema: PromptFailure,
      example: problem('deadline-exceeded', {
        detail: 'No model answered within the 2500 ms deadline.',
        instance: '/v1/prompt',
        attempts: [
          {
            model: 'openai:gpt-4o-mini',
            ok: false,
            duration_ms: 1500.4,
            error: 'Timed out after 1500 ms',
          },
          {
            model: 'openai:llama3.2',
            ok: false,
            duration_ms: 999.8,
            error: 'Request deadline of 2500 ms exceeded',
          },
        ],
      }),
    },
  },
});
