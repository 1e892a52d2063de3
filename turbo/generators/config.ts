import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlopTypes } from '@turbo/gen';

/**
 * `turbo gen endpoint`: a new operation of the contract, served by the API, in one command. It
 * writes the contract module and its declaration, the Nest feature folder and its e2e test,
 * registers them, adds the type-equality test of the client, and on request a web route handler;
 * then it regenerates openapi.json and the client types and formats what it touched.
 */
interface Answers {
  name: string;
  method: 'post' | 'get';
  summary: string;
  web: boolean;
}

const camel = (name: string) =>
  name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
const sentence = (text: string) => text.replace(/^./, (letter) => letter.toUpperCase());
/** A single-quoted TypeScript string literal of `text`. */
const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const pascal = (name: string) => camel(name).replace(/^./, (letter) => letter.toUpperCase());

export default function generator(plop: PlopTypes.NodePlopAPI): void {
  // A summary as TypeScript string literals, for the templates.
  plop.setHelper('summaryLiteral', (summary: string) => quote(sentence(summary)));
  plop.setHelper('descriptionLiteral', (summary: string) => quote(`${sentence(summary)}.`));

  plop.setGenerator('endpoint', {
    description:
      'A new contract operation, served by the API (and, if asked, by a web route handler)',
    prompts: [
      {
        type: 'input',
        name: 'name',
        message: 'Name of the operation, kebab-case (its path will be /v1/<name>):',
        validate: (input: string) =>
          /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(input) ||
          'Use kebab-case: lower-case words joined by "-".',
      },
      { type: 'list', name: 'method', message: 'HTTP method:', choices: ['post', 'get'] },
      {
        type: 'input',
        name: 'summary',
        message: 'What it does, in a few words (the OpenAPI summary):',
        validate: (input: string) =>
          /^[^\n*/]+$/.test(input.trim()) || 'Say what it does, on one line, without * or /.',
      },
      {
        type: 'confirm',
        name: 'web',
        message: 'Add a web route handler (POST only)?',
        default: false,
      },
    ],
    actions: (data) => {
      if (!data) throw new Error('The generator needs its answers');
      const answers = data as Answers;
      const root = plop.getDestBasePath();
      const at = (path: string) => join(root, path);
      if (existsSync(at(`packages/contracts/src/${answers.name}.ts`))) {
        throw new Error(`packages/contracts/src/${answers.name}.ts exists already`);
      }
      const { name } = answers;
      const names = { camel: camel(name), pascal: pascal(name) };
      Object.assign(data, names, {
        isGet: answers.method === 'get',
        upperMethod: answers.method.toUpperCase(),
      });
      const edit =
        (path: string, change: (text: string) => string): PlopTypes.CustomActionFunction =>
        () => {
          const before = readFileSync(at(path), 'utf8');
          const after = change(before);
          if (after === before) throw new Error(`${path}: nothing to change, is its layout new?`);
          writeFileSync(at(path), after);
          return path;
        };
      const template = (file: string) => join(root, 'turbo/generators/templates', file);
      const written = [
        `packages/contracts/src/${name}.ts`,
        `apps/api/src/${name}/${name}.module.ts`,
        `apps/api/src/${name}/${name}.controller.ts`,
        `apps/api/src/${name}/${name}.service.ts`,
        `apps/api/test/${name}.e2e-spec.ts`,
      ];
      const actions: PlopTypes.ActionType[] = [
        { type: 'add', path: at(written[0] ?? ''), templateFile: template('contract.ts.hbs') },
        { type: 'add', path: at(written[1] ?? ''), templateFile: template('module.ts.hbs') },
        { type: 'add', path: at(written[2] ?? ''), templateFile: template('controller.ts.hbs') },
        { type: 'add', path: at(written[3] ?? ''), templateFile: template('service.ts.hbs') },
        { type: 'add', path: at(written[4] ?? ''), templateFile: template('e2e-spec.ts.hbs') },
        edit('packages/contracts/src/endpoints.ts', (text) =>
          // Imports go first; biome sorts them with the others afterwards.
          `import { ${names.camel}Endpoint } from './${name}.js';\n${text}`
            .replace(
              /(export const endpoints = \{\n(?: {2}.*\n)*)/,
              `$1  ${names.camel}: ${names.camel}Endpoint,\n`,
            )
            .replace(
              /(export const tags = \[\n(?: {2}.*\n)*)/,
              `$1  { name: '${name}', description: ${quote(`${sentence(answers.summary)}.`)} },\n`,
            ),
        ),
        edit('packages/contracts/src/index.ts', (text) => `${text}export * from './${name}.js';\n`),
        edit('apps/api/src/app.module.ts', (text) =>
          `import { ${names.pascal}Module } from './${name}/${name}.module.js';\n${text}`.replace(
            /(imports: \[[^\]]*?),?(\s*)\]/,
            `$1, ${names.pascal}Module$2]`,
          ),
        ),
      ];
      if (answers.web && answers.method === 'post') {
        const route = `apps/web/app/api/${name}/route.ts`;
        written.push(route);
        actions.push({ type: 'add', path: at(route), templateFile: template('route.ts.hbs') });
      }
      actions.push(() => {
        const pnpm = (...args: string[]) =>
          execFileSync('npx', ['-y', 'pnpm@12.21.0', ...args], { cwd: root, stdio: 'inherit' });
        pnpm('generate');
        pnpm(
          'exec',
          'biome',
          'check',
          '--write',
          ...written,
          'packages/contracts/src/endpoints.ts',
          'packages/contracts/src/index.ts',
          'apps/api/src/app.module.ts',
        );
        return 'openapi.json and the client types regenerated, the files formatted';
      });
      return actions;
    },
  });
}
