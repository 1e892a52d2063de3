import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import type { Document } from './classify.js';

/**
 * The second, independent oracle of the gate: TypeScript itself, on the client types
 * openapi-typescript generates from each document. A client written against the baseline still
 * compiles against the current types when what it sends (body, path and query) is assignable to
 * what the current types take, and what they answer on success is assignable to what it expects.
 * Types cannot see limits, formats or statuses, so the oracle finds only some breaking changes;
 * what it finds, the classifier must call breaking.
 */

const generated = new WeakMap<Document, Promise<string>>();

/** The generated types of a document, as the client generates them; once per document. */
function typesOf(document: Document): Promise<string> {
  const known = generated.get(document);
  if (known) return known;
  const types = openapiTS(JSON.stringify(document), { defaultNonNullable: false }).then(
    astToString,
  );
  generated.set(document, types);
  return types;
}

const CHECKS = `
import type { operations as Old } from './old';
import type { operations as New } from './new';
type Content<T> = [NonNullable<T>] extends [never] ? never : NonNullable<T> extends { content: infer C } ? C[keyof C] : never;
type Body<Op> = Op extends { requestBody?: infer R } ? Content<R> : never;
type Part<Op, K extends 'path' | 'query'> = Op extends { parameters: { [P in K]?: infer V } } ? V : never;
type Success<Op> = Op extends { responses: infer R } ? { [S in keyof R]: S extends 200 | 201 | 202 ? Content<R[S]> : never }[keyof R] : never;
type Fits<A, B> = [A] extends [B] ? true : false;
`;

/**
 * The operations whose generated types break a client of the baseline, each as
 * "operationId: what" (request body, path, query, success body); empty when none do.
 */
export async function typeIncompatibilities(
  baseline: Document,
  current: Document,
): Promise<string[]> {
  const [oldTypes, newTypes] = await Promise.all([typesOf(baseline), typesOf(current)]);
  const shared = operationIds(baseline).filter((id) => operationIds(current).includes(id));
  const lines = shared.flatMap((id) => {
    const key = JSON.stringify(id);
    return [
      `const ${id}_body: Fits<Body<Old[${key}]>, Body<New[${key}]>> = true;`,
      `const ${id}_path: Fits<Part<Old[${key}], 'path'>, Part<New[${key}], 'path'>> = true;`,
      `const ${id}_query: Fits<Part<Old[${key}], 'query'>, Part<New[${key}], 'query'>> = true;`,
      `const ${id}_success: Fits<Success<New[${key}]>, Success<Old[${key}]>> = true;`,
    ];
  });
  const files: Record<string, string> = {
    '/oracle/old.ts': oldTypes,
    '/oracle/new.ts': newTypes,
    '/oracle/check.ts': `${CHECKS}\n${lines.join('\n')}\nexport {};\n`,
  };
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noUnusedLocals: false,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files[name] ?? readFile(name);
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  host.directoryExists = (name) => name === '/oracle' || ts.sys.directoryExists(name);
  host.getSourceFile = (name, version) => {
    const text = files[name];
    return text === undefined
      ? getSourceFile(name, version)
      : ts.createSourceFile(name, text, version, true);
  };
  const program = ts.createProgram(['/oracle/check.ts'], options, host);
  const check = program.getSourceFile('/oracle/check.ts');
  const failing = new Set<string>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (diagnostic.file !== check || diagnostic.start === undefined || !check) {
      throw new Error(
        `The oracle's types do not compile: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
      );
    }
    const line = check.text.slice(0, diagnostic.start).split('\n').length - 1;
    const name = /^const (\w+?)_(body|path|query|success):/.exec(
      check.text.split('\n')[line] ?? '',
    );
    if (!name)
      throw new Error(
        `The oracle failed outside its checks: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
      );
    failing.add(`${name[1]}: ${name[2]}`);
  }
  return [...failing];
}

function operationIds(document: Document): string[] {
  const paths = (document.paths ?? {}) as Record<string, Record<string, { operationId?: string }>>;
  return Object.values(paths).flatMap((item) =>
    Object.values(item)
      .map((operation) => operation.operationId)
      .filter((id): id is string => typeof id === 'string' && /^\w+$/.test(id)),
  );
}
