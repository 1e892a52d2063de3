// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { jsonResponse as json } from '../../../lib/testing/fetch';
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

  it('sends the prompt with its options and shows the answer and the attempts trail', async () => {
    fetchSpy.mockResolvedValue(
      json(200, {
        model: 'local',
        output: 'Gist: it works.',
        attempts: [
          { model: 'openai:x', ok: false, duration_ms: 12.34, error: 'HTTP 500 from the provider' },
          { model: 'local', ok: true, duration_ms: 1.5 },
        ],
      }),
    );
    render(<PromptForm />);
    await userEvent.type(prompt(), 'Does the chain fall back?');
    await userEvent.click(screen.getByText('Options'));
    await userEvent.type(screen.getByRole('textbox', { name: 'Models' }), 'openai:x, local');
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Temperature' }), '0.5');
    await send();
    expect((await screen.findByTestId('answer-model')).textContent).toBe('local');
    expect(screen.getByTestId('answer-output').textContent).toBe('Gist: it works.');
    const attempts = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(attempts).toEqual([
      '✗openai:x12.3 msHTTP 500 from the provider',
      '✓local1.5 msanswered',
    ]);
    expect(JSON.parse(String(fetchSpy.mock.calls[0]?.[1]?.body))).toEqual({
      prompt: 'Does the chain fall back?',
      models: ['openai:x', 'local'],
      temperature: 0.5,
    });
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
