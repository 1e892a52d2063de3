/**
 * How each provider names its models in the chain: the one place that says which names are
 * valid. The config, the providers and the request check all ask it.
 */
export const modelNamings = [
  {
    provider: 'local',
    shown: '"local"',
    modelOf: (name: string) => (name === 'local' ? name : undefined),
  },
  {
    provider: 'openai',
    shown: '"openai:<model>"',
    modelOf: (name: string) => (/^openai:.+/.test(name) ? name.slice('openai:'.length) : undefined),
  },
] as const;

export type ProviderName = (typeof modelNamings)[number]['provider'];

/** The provider that serves a chain model name, and its own name for the model. */
export function resolveModel(name: string): { provider: ProviderName; model: string } | undefined {
  for (const naming of modelNamings) {
    const model = naming.modelOf(name);
    if (model !== undefined) return { provider: naming.provider, model };
  }
  return undefined;
}

/** What a valid name looks like, for error messages. */
export const MODEL_NAMING_HINT = `Use ${modelNamings.map((naming) => naming.shown).join(' or ')}`;
