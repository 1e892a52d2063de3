// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { jsonResponse as json } from '@/lib/testing/fetch';
import { AnalyzeForm } from './analyze-form';

describe('AnalyzeForm', () => {
  let fetchSpy: MockInstance<typeof fetch>;

  beforeEach(() => {
    fetchSpy = vi.spyOn(globalThis, 'fetch');
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  const textbox = () => screen.getByRole('textbox', { name: 'Text' });
  const submit = () => userEvent.click(screen.getByRole('button', { name: 'Analyze' }));

  it("shows the contract's message on too-short text, focuses the field and sends nothing", async () => {
    render(<AnalyzeForm signedIn />);
    await userEvent.type(textbox(), 'too short');
    await submit();
    const error = await screen.findByText('Enter at least 10 characters.');
    expect(textbox().getAttribute('aria-invalid')).toBe('true');
    expect(textbox().getAttribute('aria-describedby')).toContain(error.id);
    expect(document.activeElement).toBe(textbox());
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('counts typed characters as the contract does: an emoji is one', async () => {
    render(<AnalyzeForm signedIn />);
    await userEvent.type(textbox(), 'hi 😀');
    expect(screen.getByText('4 typed')).toBeTruthy();
  });

  it('shows no error while the field is first typed in, and the error once it is left', async () => {
    render(<AnalyzeForm signedIn />);
    await userEvent.type(textbox(), 'short');
    expect(screen.queryByText('Enter at least 10 characters.')).toBeNull();
    expect(textbox().getAttribute('aria-invalid')).toBe('false');
    await userEvent.tab();
    expect(await screen.findByText('Enter at least 10 characters.')).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('clears the error live once the text is long enough', async () => {
    render(<AnalyzeForm signedIn />);
    await userEvent.type(textbox(), 'short');
    await submit();
    await screen.findByText('Enter at least 10 characters.');
    await userEvent.type(textbox(), ' but now long enough');
    expect(screen.queryByText('Enter at least 10 characters.')).toBeNull();
    expect(textbox().getAttribute('aria-invalid')).toBe('false');
  });

  it('submits valid text with Ctrl+Enter and shows the analysis with highlighted entities', async () => {
    fetchSpy.mockResolvedValue(
      json(200, {
        sentiment_score: 0.5,
        sentiment_label: 'positive',
        word_count: 5,
        entities: [{ text: 'Ada Lovelace', type: 'person', start: 0, end: 12 }],
      }),
    );
    render(<AnalyzeForm signedIn />);
    await userEvent.type(textbox(), 'Ada Lovelace loved this.{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('sentiment-label')).toHaveProperty('textContent', 'positive');
    expect(screen.getByTestId('word-count').textContent).toBe('5');
    expect(screen.getByText('Ada Lovelace', { selector: 'mark' }).className).toContain(
      'entity--person',
    );
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe('/api/analyze');
    expect(JSON.parse(String(init?.body))).toEqual({
      text: 'Ada Lovelace loved this.',
      extract_entities: true,
    });
  });

  it('puts a server-side 422 back on its field', async () => {
    fetchSpy.mockResolvedValue(
      json(
        422,
        {
          type: '/problems/validation-error',
          title: 'Validation failed',
          status: 422,
          errors: [{ path: '/text', code: 'custom', message: 'The server disagrees.' }],
        },
        'application/problem+json',
      ),
    );
    render(<AnalyzeForm signedIn />);
    await userEvent.type(textbox(), 'A perfectly valid sentence.');
    await submit();
    expect(await screen.findByText('The server disagrees.')).toBeTruthy();
    expect(textbox().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(textbox());
  });

  it('shows a problem without field errors on the form', async () => {
    fetchSpy.mockResolvedValue(
      json(
        503,
        {
          type: '/problems/api-unreachable',
          title: 'Service Unavailable',
          status: 503,
          detail: 'The TextPulse API cannot be reached.',
        },
        'application/problem+json',
      ),
    );
    render(<AnalyzeForm signedIn />);
    await userEvent.type(textbox(), 'A perfectly valid sentence.');
    await submit();
    const message = await screen.findByText('The TextPulse API cannot be reached.');
    expect(message.className).toBe('form__error');
  });
});
