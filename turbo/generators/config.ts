import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PlopTypes } from '@turbo/gen';
import { type ObjectLiteralExpression, Project, SyntaxKind } from 'ts-morph';

/**
 * `turbo gen endpoint`: a new operation of the contract, served by the API, in one command. It
 * writes the contract module and its declaration, the Nest feature folder and its e2e test, the
 * minor changeset an addition needs and, on request, a web route handler; registers the operation
 * in the one registry, the contract's endpoints.ts (through TypeScript's syntax tree, with ts-morph); then `pnpm generate` writes
 * openapi.json, the client types and the API's module list (which finds the new feature folder
 * by its name), and biome formats what it touched.
 */

/** Where an operation is registered: its module re-exported, its declaration in `endpoints`, its tag. */
const REGISTRY = 'packages/contracts/src/endpoints.ts';

interface Registration {
  module: string;
  declaration: string;
  key: string;
  tag: { name: string; description: string };
}

/** Adds an operation to the registry's imports, re-exports, `endpoints` object and `tags` list. */
function registerOperation(path: string, registration: Registration): void {
  const file = new Project().addSourceFileAtPath(path);
  const initializer = (name: string) =>
    file
      .getVariableDeclarationOrThrow(name)
      .getInitializerIfKindOrThrow(SyntaxKind.AsExpression)
      .getExpression();
  file.addImportDeclaration({
    moduleSpecifier: registration.module,
    namedImports: [registration.declaration],
  });
  const lastExport = file.getExportDeclarations().at(-1);
  file.insertExportDeclaration(
    lastExport ? lastExport.getChildIndex() + 1 : file.getStatements().length,
    {
      moduleSpecifier: registration.module,
    },
  );
  (initializer('endpoints') as ObjectLiteralExpression).addPropertyAssignment({
    name: registration.key,
    initializer: registration.declaration,
  });
  initializer('tags')
    .asKindOrThrow(SyntaxKind.ArrayLiteralExpression)
    .addElement(
      `{ name: ${quote(registration.tag.name)}, description: ${quote(registration.tag.description)} }`,
    );
  file.saveSync();
}
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
        // A new operation is an addition: the breaking-change gate (pnpm contract:check) asks both
        // published packages for a minor bump.
        {
          type: 'add',
          path: at(`.changeset/${name}.md`),
          templateFile: template('changeset.md.hbs'),
          data: { summaryText: sentence(answers.summary) },
        },
        () => {
          registerOperation(at(REGISTRY), {
            module: `./${name}.js`,
            declaration: `${names.camel}Endpoint`,
            key: names.camel,
            tag: { name, description: `${sentence(answers.summary)}.` },
          });
          return REGISTRY;
        },
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
        pnpm('exec', 'biome', 'check', '--write', ...written, REGISTRY);
        return "openapi.json, the client types and the API's module list regenerated, the files formatted";
      });
      return actions;
    },
  });
}
