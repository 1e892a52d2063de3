import { readFileSync } from 'node:fs';
import { TelemetryVariables } from '@textpulse/runtime';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** Each `# NAME=value` line of an app's .env.example: the variables it reads, with their defaults. */
const examples = (app: string) =>
  [...read(`apps/${app}/.env.example`).matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(
    ([, name = '', value = '']) => ({ app, name, value }),
  );

/** The rows of docs/DEPLOY.md's "Environment variables" table: variable, app and default. */
function documented() {
  const section = read('docs/DEPLOY.md')
    .split(/^## /m)
    .find((part) => part.startsWith('Environment variables'));
  return [...(section ?? '').matchAll(/^\| `([A-Z][A-Z0-9_]*)` +\| (\w+) +\| ([^|]*?) +\|/gm)].map(
    ([, name = '', app = '', fallback = '']) => ({ app, name, fallback }),
  );
}

/** Read by Next's standalone server itself, not by the app's schema. */
const NEXT_SERVER = ['PORT', 'HOSTNAME'];

describe('docs/DEPLOY.md, environment variables', () => {
  const rows = documented();
  const key = ({ app, name }: { app: string; name: string }) => `${app} ${name}`;

  it("lists each app's variables once, and nothing else", () => {
    const expected = [
      ...examples('api'),
      ...examples('web'),
      ...NEXT_SERVER.map((name) => ({ app: 'web', name })),
    ].map(key);
    expect(rows.map(key).sort()).toEqual(expected.sort());
  });

  it('gives the default of each as .env.example does (or none where it has none)', () => {
    for (const example of [...examples('api'), ...examples('web')]) {
      const row = rows.find((candidate) => key(candidate) === key(example));
      const shown = row?.fallback.match(/^`([^`]*)`/)?.[1] ?? row?.fallback;
      expect(shown, key(example)).toBe(example.value === '' ? 'none' : example.value);
    }
  });
});

describe('docs/DEPLOY.md, OpenTelemetry variables', () => {
  it('documents, once, each OTEL_* variable the apps read', () => {
    const rows = read('docs/DEPLOY.md')
      .split(/^## /m)
      .filter((part) => part.startsWith('Tracing with OpenTelemetry') || part.startsWith('Metrics'))
      .flatMap((part) =>
        [...part.matchAll(/^\| `(OTEL_[A-Z0-9_]+)` +\|/gm)].map(([, name]) => name),
      );
    expect(rows).toEqual(expect.arrayContaining(Object.keys(TelemetryVariables.shape)));
    expect(new Set(rows).size).toBe(rows.length);
  });
});
