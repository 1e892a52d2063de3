import {
  expect,
  fakeOpenAiUrl,
  type Person,
  signInBrowser,
  signUpThroughApi,
  test,
} from './fixtures';

/** What the fake OpenAI-compatible server has seen: the models asked for and the ones abandoned. */
async function fakeLog(): Promise<{ models: string[]; abandoned: string[] }> {
  const response = await fetch(`${fakeOpenAiUrl}/_fake/log`);
  return (await response.json()) as { models: string[]; abandoned: string[] };
}

/** Words for the fake to drip, a word every 150 ms. */
const words = (count: number) =>
  Array.from({ length: count }, (_, index) => `word${index + 1}`).join(' ');

test.describe('/prompt', () => {
  // Models other than local need a signed-in caller: openai:drip is one.
  let ada: Person;
  test.beforeAll(async () => {
    ada = await signUpThroughApi();
  });
  test.beforeEach(({ context }) => signInBrowser(context, ada));
  test('shows the answer, the model that gave it and the attempts trail', async ({ page }) => {
    await page.goto('/prompt');
    await expect(page).toHaveTitle('Prompt playground · TextPulse');
    await page
      .getByRole('textbox', { name: 'Prompt' })
      .fill('Summarize: the new release is fast, but the docs are thin.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('answer-status')).toHaveText('Answered by local');
    await expect(page.getByTestId('answer-output')).toContainText('Local model (offline');
    await expect(page.getByTestId('attempts').getByRole('listitem')).toHaveCount(1);
    await expect(page.getByTestId('attempts')).toContainText('answered');
  });

  test('shows the answer growing as the model writes it, and who is answering', async ({
    page,
  }) => {
    await page.goto('/prompt');
    // Every state the answer panel goes through, recorded in the page as it changes.
    await page.evaluate(() => {
      const states: string[] = [];
      Object.assign(window, { answerStates: states });
      new MutationObserver(() => {
        const answer = document.querySelector('[data-testid="answer"]');
        const output = document.querySelector('[data-testid="answer-output"]')?.textContent ?? '';
        if (answer) states.push(`${answer.getAttribute('data-status')}:${output.length}`);
      }).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    const prompt = `Echo these: ${words(12)}`;
    await page.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    await page.getByText('Options').click();
    await page.getByRole('textbox', { name: 'Models' }).fill('openai:drip');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('answer-status')).toHaveText('Answering openai:drip');
    await expect(page.getByTestId('attempts')).toContainText('answering…');
    await expect(page.getByTestId('answer-status')).toHaveText('Answered by openai:drip');
    const answer = `echo: ${prompt}`;
    await expect(page.getByTestId('answer-output')).toHaveText(answer);
    const states = await page.evaluate(
      () => (window as unknown as { answerStates: string[] }).answerStates,
    );
    const partial = new Set(
      states.filter((state) => {
        const [status, length] = state.split(':');
        return status === 'streaming' && Number(length) > 0 && Number(length) < answer.length;
      }),
    );
    expect(partial.size, `states seen: ${states.join(' ')}`).toBeGreaterThanOrEqual(3);
  });

  test('stops the answer with Stop, all the way to the model', async ({ page }) => {
    await page.goto('/prompt');
    await page.getByRole('textbox', { name: 'Prompt' }).fill(`Echo these: ${words(200)}`);
    await page.getByText('Options').click();
    await page.getByRole('textbox', { name: 'Models' }).fill('openai:drip');
    const abandonedBefore = (await fakeLog()).abandoned.length;
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('answer-output')).toContainText('word1');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('answer-status')).toHaveText('Stopped openai:drip');
    await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
    // The fake saw its client go: the web route closed the API's stream, the API the model's.
    await expect.poll(async () => (await fakeLog()).abandoned.length).toBe(abandonedBefore + 1);
    const stopped = await page.getByTestId('answer-output').textContent();
    expect(stopped).not.toContain('word200');
    await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  });

  test("puts the API's 422 back on the field it names", async ({ page }) => {
    await page.goto('/prompt');
    await page.getByRole('textbox', { name: 'Prompt' }).fill('A perfectly long enough prompt.');
    await page.getByText('Options').click();
    const models = page.getByRole('textbox', { name: 'Models' });
    await models.fill('local, gpt-4');
    const answer = page.waitForResponse('**/api/prompt/stream');
    await page.getByRole('button', { name: 'Send' }).click();
    const response = await answer;
    expect(response.status()).toBe(422);
    const { errors } = (await response.json()) as { errors: [{ path: string; message: string }] };
    expect(errors).toEqual([expect.objectContaining({ path: '/models/1' })]);
    await expect(page.getByText(errors[0].message, { exact: true })).toBeVisible();
    await expect(models).toHaveAttribute('aria-invalid', 'true');
    await expect(models).toBeFocused();
  });
});

test.describe('/prompt without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('answers through the whole-answer endpoint', async ({ page }) => {
    await page.goto('/prompt');
    const prompt = 'Summarize: the new release is fast, but the docs are thin.';
    await page.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('answer-status')).toHaveText('Answered by local');
    await expect(page.getByTestId('answer-output')).toContainText('Local model (offline');
    await expect(page.getByTestId('attempts')).toContainText('answered');
    await expect(page.getByRole('textbox', { name: 'Prompt' })).toHaveValue(prompt);
  });

  test('shows the contract error on the field, the text kept', async ({ page }) => {
    await page.goto('/prompt');
    await page.getByRole('textbox', { name: 'Prompt' }).fill('Too short');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText('Enter at least 10 characters.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Prompt' })).toHaveValue('Too short');
    await expect(page.getByRole('textbox', { name: 'Prompt' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });
});
