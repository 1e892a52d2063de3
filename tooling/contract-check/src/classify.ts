import { fromJsonPointer, toJsonPointer } from '@textpulse/contracts/json-pointer';
import { apiDiff, type Diff } from 'api-smart-diff';

/**
 * How much a difference between two versions of the contract matters to a client written against
 * the first: `breaking` needs a major version, `non-breaking` (an addition, a deprecation) a
 * minor one, `documentation` (descriptions, examples, summaries) a patch.
 */
export type Change = 'breaking' | 'non-breaking' | 'documentation';

/** Which side of an exchange a difference is on: what a client sends may widen, what it receives may only narrow. */
export type Side = 'request' | 'response' | 'operation' | 'document';

export interface Difference {
  readonly change: Change;
  readonly side: Side;
  readonly action: Diff['action'];
  /** The operations it touches, as "operationId (METHOD /path)"; empty outside paths. */
  readonly operations: readonly string[];
  /** JSON Pointers (RFC 6901) to where it is in each document; to where it would be, when absent from one. */
  readonly baseline: string;
  readonly current: string;
  /** Why it has its class. */
  readonly reason: string;
  /** The sunset date of an operation removed before it (the gate refuses that whatever the bump). */
  readonly beforeSunset?: string;
}

type Json = unknown;
type Segment = string | number;
/** An OpenAPI 3.1 document, as read from its JSON file. */
export type Document = Record<string, Json>;

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const PROBLEM_MEDIA_TYPE = 'application/problem+json';
/** Where in a schema or response a change says nothing about the wire. */
const DOCUMENTATION_KEYS = new Set(['description', 'summary', 'example', 'examples', 'title']);

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The segments of a local `$ref` ("#/components/schemas/X"). */
const segmentsOf = (ref: string): string[] => fromJsonPointer(ref.replace(/^#/, ''));

function at(document: Json, segments: readonly Segment[]): Json {
  let node = document;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/**
 * The pointer into `document` of a path of the diff, which runs through dereferenced schemas: a
 * `$ref` on the way is followed, so the pointer names the component where the change is. Past the
 * last node the document has, the rest of the path is appended as it is.
 */
export function locate(document: Json, path: readonly Segment[]): string {
  let node = document;
  let pointer: Segment[] = [];
  for (const [index, segment] of path.entries()) {
    while (isObject(node) && typeof node.$ref === 'string' && !(String(segment) in node)) {
      pointer = segmentsOf(node.$ref);
      node = at(document, pointer);
    }
    const next = at(node, [segment]);
    if (next === undefined) return toJsonPointer([...pointer, ...path.slice(index)]);
    node = next;
    pointer.push(segment);
  }
  return toJsonPointer(pointer);
}

/**
 * A copy of `document` with every local `$ref` replaced by what it points to (siblings of the
 * `$ref` kept): api-smart-diff compares a `$ref` with an inline schema as two different shapes,
 * and a component inlined or extracted is no change to the wire. A cycle keeps its `$ref`.
 */
export function dereference(document: Document): Document {
  const resolve = (node: Json, trail: readonly string[]): Json => {
    if (Array.isArray(node)) return node.map((item) => resolve(item, trail));
    if (!isObject(node)) return node;
    const { $ref, ...siblings } = node;
    const copy = Object.fromEntries(
      Object.entries(siblings).map(([key, value]) => [key, resolve(value, trail)]),
    );
    if (typeof $ref !== 'string' || !$ref.startsWith('#/') || trail.includes($ref)) {
      return $ref === undefined ? copy : { $ref, ...copy };
    }
    const target = resolve(at(document, segmentsOf($ref)), [...trail, $ref]);
    return isObject(target) ? { ...target, ...copy } : target;
  };
  return resolve(document, []) as Document;
}

/** The problem types a response's schema allows: the `type` literals of its problem(s). */
function problemTypes(document: Json, schema: Json, seen = new Set<string>()): Set<string> {
  const types = new Set<string>();
  if (!isObject(schema)) return types;
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return types;
    seen.add(schema.$ref);
    const target = at(document, segmentsOf(schema.$ref));
    return problemTypes(document, target, seen);
  }
  for (const key of ['oneOf', 'anyOf']) {
    const options = schema[key];
    if (Array.isArray(options)) {
      for (const option of options) {
        for (const type of problemTypes(document, option, seen)) types.add(type);
      }
    }
  }
  const type = at(schema, ['properties', 'type']);
  if (isObject(type)) {
    if (typeof type.const === 'string') types.add(type.const);
    if (Array.isArray(type.enum)) {
      for (const value of type.enum) if (typeof value === 'string') types.add(value);
    }
  }
  return types;
}

interface Operation {
  readonly path: string;
  readonly method: string;
  readonly value: Record<string, Json>;
}

function operationsOf(document: Document): Operation[] {
  const paths = isObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    isObject(item)
      ? Object.entries(item)
          .filter(([method, value]) => METHODS.has(method) && isObject(value))
          .map(([method, value]) => ({ path, method, value: value as Record<string, Json> }))
      : [],
  );
}

const nameOf = ({ path, method, value }: Operation) =>
  `${typeof value.operationId === 'string' ? value.operationId : '?'} (${method.toUpperCase()} ${path})`;

/** What `is` lacks of `was` and what it adds; undefined when they are the same set. */
function setChange<T>(was: Set<T>, is: Set<T>): { removed: T[]; added: T[] } | undefined {
  const removed = [...was].filter((item) => !is.has(item));
  const added = [...is].filter((item) => !was.has(item));
  return removed.length === 0 && added.length === 0 ? undefined : { removed, added };
}

/**
 * An operation's security requirements, each as a canonical string; no requirement at all is `{}`
 * (anyone), which is what an empty list or none means.
 */
function securityOf(operation: Record<string, Json>): Set<string> {
  const requirements = Array.isArray(operation.security) ? operation.security : [];
  const canonical = requirements.map((requirement) =>
    JSON.stringify(
      Object.fromEntries(Object.entries(isObject(requirement) ? requirement : {}).sort()),
    ),
  );
  return new Set(canonical.length === 0 ? ['{}'] : canonical);
}

/** The type keywords a schema node allows, as a set (`type: ["string", "null"]` is two). */
const typesOf = (value: Json): Set<string> =>
  new Set((Array.isArray(value) ? value : [value]).filter((type) => typeof type === 'string'));

function sideOf(path: readonly Segment[]): Side {
  if (path[0] !== 'paths') return 'document';
  const part = path[3];
  if (part === 'parameters' || part === 'requestBody') return 'request';
  if (part === 'responses') return 'response';
  return 'operation';
}

const verb = { add: 'added', remove: 'removed', replace: 'changed', rename: 'renamed' } as const;

/** The class api-smart-diff gives, then ours where it falls short (each rule says why). */
function classOf(diff: Diff, side: Side): { change: Change; reason: string } | undefined {
  const key = diff.path.at(-1);
  const value = diff.action === 'add' ? diff.after : diff.before;
  const what =
    diff.path.at(-2) === 'required' && typeof value === 'string'
      ? `${verb[diff.action]} the required field ${value}`
      : `${verb[diff.action]} ${diff.path.slice(-2).join('/')}`;
  // A property named like a documentation keyword (a problem's "title") is data, not documentation.
  const documentation = diff.path.some(
    (segment, index) =>
      DOCUMENTATION_KEYS.has(String(segment)) && diff.path[index - 1] !== 'properties',
  );
  if (documentation) return { change: 'documentation', reason: `${what}: documentation only` };
  const removedParameter = diff.action === 'remove' && diff.path.at(-2) === 'parameters';
  if (removedParameter && isObject(diff.before) && diff.before.in === 'header') {
    if (diff.before.required !== true) {
      // A server ignores a header it does not know: a client that still sends it is unaffected.
      return { change: 'non-breaking', reason: `${what}: an optional header no longer read` };
    }
  }
  if (side === 'response' && key === 'type' && diff.action === 'replace') {
    const before = typesOf(diff.before);
    const widened = [...typesOf(diff.after)].some((type) => !before.has(type));
    return widened
      ? { change: 'breaking', reason: `${what}: a response value may now have another type` }
      : { change: 'non-breaking', reason: `${what}: a response type narrowed` };
  }
  if (side === 'response' && (diff.path.at(-2) === 'oneOf' || diff.path.at(-2) === 'anyOf')) {
    if (diff.action === 'add') {
      return { change: 'breaking', reason: `${what}: a response may now take another shape` };
    }
  }
  switch (diff.type) {
    case 'breaking':
      return { change: 'breaking', reason: `${what}: breaks a client of the ${side}` };
    case 'non-breaking':
      return { change: 'non-breaking', reason: `${what}: compatible with a client of the ${side}` };
    case 'deprecated':
      return { change: 'non-breaking', reason: `${what}: a deprecation, announced in a minor` };
    case 'annotation':
    case 'unclassified':
      return { change: 'documentation', reason: `${what}: documentation only` };
    default:
      return undefined;
  }
}

/** The sunset date of an operation, when it is deprecated with one (`x-sunset`, an ISO date). */
const sunsetOf = (operation: Json): string | undefined =>
  isObject(operation) && operation.deprecated === true && typeof operation['x-sunset'] === 'string'
    ? operation['x-sunset']
    : undefined;

/**
 * Every difference between `baseline` (the released document) and `current`, classified. The
 * diff is api-smart-diff's (it reads OpenAPI 3.1), given both documents with their `$ref`s
 * resolved (dereference); on top of it:
 * - only paths count (a component matters where an operation uses it), with info.version left out;
 * - descriptions, summaries, titles and examples are documentation, wherever they are;
 * - a response type widened (a new `type` keyword, a new oneOf/anyOf branch) is breaking;
 * - problem responses compare by their problem types: a type removed from a status is breaking,
 *   one added is not (a client handles a problem it does not know by its status);
 * - security requirements are alternatives, compared as sets: a way in removed is breaking (unless
 *   anyone may call now), one added is not;
 * - an optional header parameter removed is not breaking: a server ignores a header it does not read;
 * - an operation removed before the sunset its deprecation announced (on the day itself too, which
 *   lasts until 23:59:59 UTC) carries `beforeSunset`.
 * A difference reached through several operations is listed once, naming them all.
 */
export function classify(
  baseline: Document,
  current: Document,
  options: { today: string },
): Difference[] {
  const found = new Map<string, Difference & { operations: string[] }>();
  const add = (difference: Difference) => {
    const key = [difference.change, difference.side, difference.baseline, difference.current].join(
      ' ',
    );
    const known = found.get(key);
    if (!known) found.set(key, { ...difference, operations: [...difference.operations] });
    else {
      for (const name of difference.operations) {
        if (!known.operations.includes(name)) known.operations.push(name);
      }
    }
  };
  const before = new Map(operationsOf(baseline).map((op) => [`${op.path} ${op.method}`, op]));
  const after = new Map(operationsOf(current).map((op) => [`${op.path} ${op.method}`, op]));
  const operationAt = (path: readonly Segment[]) => {
    const key = `${path[1]} ${path[2]}`;
    return after.get(key) ?? before.get(key);
  };

  const pointersAt = (path: readonly Segment[]) => ({
    baseline: locate(baseline, path),
    current: locate(current, path),
  });

  // Problem responses whose set of types changed: compared type by type, not by api-smart-diff.
  const retyped = new Set<string>();
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) continue;
    const responses = isObject(old.value.responses) ? old.value.responses : {};
    for (const status of Object.keys(responses)) {
      const response = ['paths', old.path, old.method, 'responses', status];
      const schemaPath = [...response, 'content', PROBLEM_MEDIA_TYPE, 'schema'];
      const oldSchema = at(baseline, schemaPath);
      const newSchema = at(current, schemaPath);
      if (oldSchema === undefined || newSchema === undefined) continue;
      const change = setChange(problemTypes(baseline, oldSchema), problemTypes(current, newSchema));
      if (!change) continue;
      retyped.add(`${key} ${status}`);
      const common = {
        side: 'response',
        operations: [nameOf(now)],
        ...pointersAt(schemaPath),
      } as const;
      for (const type of change.removed) {
        const reason = `removed the problem ${type} from status ${status}`;
        add({ ...common, change: 'breaking', action: 'remove', reason });
      }
      for (const type of change.added) {
        const reason = `added the problem ${type} to status ${status}`;
        add({ ...common, change: 'non-breaking', action: 'add', reason });
      }
    }
  }

  // Security requirements are alternatives (any one lets a caller in): compared as sets.
  const resecured = new Set<string>();
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) continue;
    const is = securityOf(now.value);
    const change = setChange(securityOf(old.value), is);
    if (!change) continue;
    resecured.add(key);
    const path = ['paths', old.path, old.method, 'security'];
    const common = { side: 'operation', operations: [nameOf(now)], ...pointersAt(path) } as const;
    for (const requirement of change.removed) {
      add({
        ...common,
        action: 'remove',
        ...(is.has('{}')
          ? {
              change: 'non-breaking',
              reason: `dropped the requirement ${requirement}: anyone may call it now`,
            }
          : {
              change: 'breaking',
              reason: `removed the way in ${requirement}: a caller using it is refused`,
            }),
      });
    }
    for (const requirement of change.added) {
      const reason = `added the way in ${requirement}`;
      add({ ...common, change: 'non-breaking', action: 'add', reason });
    }
  }

  // Only the paths are compared: a component matters where an operation uses it.
  const wire = (document: Document) => {
    const { paths, info, components } = dereference(document);
    const securitySchemes = isObject(components) ? components.securitySchemes : undefined;
    return { openapi: document.openapi, info, paths, components: { securitySchemes } };
  };
  for (const diff of apiDiff(wire(baseline), wire(current))) {
    const path = diff.path;
    if (path[0] !== 'paths' && path[0] !== 'info' && path[0] !== 'components') continue;
    if (path[0] === 'info' && path[1] === 'version') continue;
    if (path[3] === 'security' && resecured.has(`${path[1]} ${path[2]}`)) continue;
    if (path[3] === 'responses' && path[5] === 'content' && path[6] === PROBLEM_MEDIA_TYPE) {
      if (retyped.has(`${path[1]} ${path[2]} ${path[4]}`)) continue;
    }
    const side = sideOf(path);
    const classified = classOf(diff, side);
    if (!classified) continue;
    const removedOperations =
      diff.action === 'remove' && path[0] === 'paths' && path.length <= 3
        ? [...before.values()].filter(
            (op) => op.path === path[1] && (path.length === 2 || op.method === path[2]),
          )
        : [];
    const operation = path[0] === 'paths' && path.length >= 3 ? operationAt(path) : undefined;
    const names = removedOperations.length > 0 ? removedOperations : operation ? [operation] : [];
    const sunset = removedOperations
      .map((op) => sunsetOf(op.value))
      .find((date) => date !== undefined && date >= options.today);
    add({
      ...classified,
      side,
      action: diff.action,
      operations: names.map(nameOf),
      ...pointersAt(path),
      ...(sunset === undefined
        ? {}
        : { beforeSunset: sunset, reason: `${classified.reason}, before its sunset ${sunset}` }),
    });
  }
  return [...found.values()];
}
