import type { PromptRequestInput } from '@textpulse/contracts/prompt';

/** An optional number field: empty is absent, anything else is what Number makes of it. */
export const optionalNumber = (value: unknown) =>
  value === '' || value === undefined || value === null ? undefined : Number(value);

/** An optional comma-separated list field: empty is absent. */
export const optionalList = (value: unknown) => {
  if (Array.isArray(value)) return value;
  const items = String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
};

/** The text each field of the prompt form holds, as a browser posts it without JavaScript. */
export type PromptFormValues = Record<'prompt' | 'models' | 'max_tokens' | 'temperature', string>;

const textOf = (form: FormData, name: keyof PromptFormValues) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export const formValuesOf = (form: FormData): PromptFormValues => ({
  prompt: textOf(form, 'prompt'),
  models: textOf(form, 'models'),
  max_tokens: textOf(form, 'max_tokens'),
  temperature: textOf(form, 'temperature'),
});

/** The request body the fields make, the same conversion the form applies as you type. */
export const bodyOf = (
  values: PromptFormValues,
): Partial<Record<keyof PromptRequestInput, unknown>> => ({
  prompt: values.prompt,
  models: optionalList(values.models),
  max_tokens: optionalNumber(values.max_tokens),
  temperature: optionalNumber(values.temperature),
});
