// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { eventStreamFetch, jsonResponse as json } from '@/lib/testing/fetch';
import { PromptForm } from './prompt-form';

describe('PromptForm', () => {
  let fetchSpy: MockInstance<typeof fetch>;

  beforeEach(() => {
    fetchSpy = vi.spyOn(globalThis, 'fetch');
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  const prompt = () => screen.getByRole('textbox', { name: 'Prompt' });
  const send = () => userEvent.click(screen.getByRole('button', { name: 'Send' }));

  it('streams the answer, the model answering and the attempts trail as they come', async () => {
    const { fetch, more } = eventStreamFetch(
      [
        { type: 'attempt', model: 'openai:x' },
        {
          type: 'attempt_failed',
          model: 'openai:x',
          duration_ms: 12.34,
          error: 'HTTP 500 from the provider',
        },
        { type: 'attempt', model: 'local' },
        { type: 'token', text: 'Gist: ' },
      ],
      false,
    );
    fetchSpy.mockImplementation(fetch);
    render(<PromptForm />);
    await userEvent.type(prompt(), 'Does the chain fall back?');
    await userEvent.click(screen.getByText('Options'));
    await userEvent.type(screen.getByRole('textbox', { name: 'Models' }), 'openai:x, local');
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Temperature' }), '0.5');
    await send();
    // Part of the answer, while the model is still answering.
    await waitFor(() => expect(screen.getByTestId('answer-output').textContent).toBe('Gist: '));
    expect(screen.getByTestId('answer-status').textContent).toBe('Answering local');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '✗openai:x12.3 msHTTP 500 from the provider',
      '…localanswering…',
    ]);
    more([
      { type: 'token', text: 'it works.' },
      {
        type: 'done',
        model: 'local',
        attempts: [
          { model: 'openai:x', ok: false, duration_ms: 12.34, error: 'HTTP 500 from the provider' },
          { model: 'local', ok: true, duration_ms: 1.5 },
        ],
      },
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('answer-status').textContent).toBe('Answered by local'),
    );
    expect(screen.getByTestId('answer-output').textContent).toBe('Gist: it works.');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '✗openai:x12.3 msHTTP 500 from the provider',
      '✓local1.5 msanswered',
    ]);
    expect(fetchSpy.mock.calls[0]?.[0]).toBe('/api/prompt/stream');
    expect(JSON.parse(String(fetchSpy.mock.calls[0]?.[1]?.body))).toEqual({
      prompt: 'Does the chain fall back?',
      models: ['openai:x', 'local'],
      temperature: 0.5,
    });
  });

  it('stops the request when Stop is pressed, keeping what came', async () => {
    const { fetch } = eventStreamFetch(
      [
        { type: 'attempt', model: 'local' },
        { type: 'token', text: 'Half an' },
      ],
      false,
    );
    fetchSpy.mockImplementation(fetch);
    render(<PromptForm />);
    await userEvent.type(prompt(), 'A long enough prompt.');
    await send();
    await userEvent.click(await screen.findByRole('button', { name: 'Stop' }));
    await waitFor(() =>
      expect(screen.getByTestId('answer-status').textContent).toBe('Stopped local'),
    );
    expect(screen.getByTestId('answer-output').textContent).toBe('Half an');
    expect(fetchSpy.mock.calls[0]?.[1]?.signal?.aborted).toBe(true);
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('shows the problem that ends a stream, with the trail', async () => {
    const attempts = [
      { model: 'openai:x', ok: false, duration_ms: 3, error: "The provider's stream broke off" },
    ];
    const problem = {
      type: '/problems/upstream-failed',
      title: 'Every model failed',
      status: 502,
      detail: "openai:x failed after it began answering: The provider's stream broke off.",
      attempts,
    };
    const { fetch } = eventStreamFetch([
      { type: 'attempt', model: 'openai:x' },
      { type: 'token', text: 'Par' },
      {
        type: 'attempt_failed',
        model: 'openai:x',
        duration_ms: 3,
        error: attempts[0]?.error ?? '',
      },
      { type: 'error', problem },
    ]);
    fetchSpy.mockImplementation(fetch);
    render(<PromptForm />);
    await userEvent.type(prompt(), 'A long enough prompt.');
    await send();
    expect((await screen.findByTestId('answer-message')).textContent).toBe(problem.detail);
    expect(screen.getByTestId('answer-status').textContent).toBe('No answer');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      "✗openai:x3.0 msThe provider's stream broke off",
    ]);
  });

  it('says so when an event breaks the contract', async () => {
    const { fetch } = eventStreamFetch([{ type: 'token' }]);
    fetchSpy.mockImplementation(fetch);
    render(<PromptForm />);
    await userEvent.type(prompt(), 'A long enough prompt.');
    await send();
    expect((await screen.findByTestId('answer-message')).textContent).toBe(
      'The server sent an answer this page cannot read. Try again.',
    );
  });

  it('validates the options with the contract before sending', async () => {
    render(<PromptForm />);
    await userEvent.type(prompt(), 'A long enough prompt.');
    await userEvent.click(screen.getByText('Options'));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Temperature' }), '3');
    await send();
    expect(await screen.findByText('Too big: expected number to be <=2')).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('puts a server-side error on a list item back on the models field', async () => {
    fetchSpy.mockResolvedValue(
      json(
        422,
        {
          type: '/problems/validation-error',
          title: 'Validation failed',
          status: 422,
          errors: [{ path: '/models/1', code: 'custom', message: 'Use one of local' }],
        },
        'application/problem+json',
      ),
    );
    render(<PromptForm />);
    await userEvent.type(prompt(), 'A long enough prompt.');
    await userEvent.click(screen.getByText('Options'));
    await userEvent.type(screen.getByRole('textbox', { name: 'Models' }), 'local, gpt-4');
    await send();
    expect(await screen.findByText('Use one of local')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Models' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
  });
});
