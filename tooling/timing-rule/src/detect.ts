import ts from 'typescript';

/** An assertion that a measured time is at least some amount, and where it is. */
export interface Offence {
  /** The file, as the caller named it. */
  file: string;
  /** 1-based line and column of the assertion's start. */
  line: number;
  column: number;
  /** The assertion, on one line. */
  code: string;
}

/** Names that say a value is a measured stretch of real time. */
const TIMING_NAME = /elapsed|duration|took|waited|hrtime/i;

/** Reads of the clock. */
const CLOCKS = new Set(['performance.now', 'Date.now', 'process.hrtime', 'process.hrtime.bigint']);

/** The matchers that bound their subject from below (a time in the subject is bounded below). */
const AT_LEAST = new Set(['toBeGreaterThan', 'toBeGreaterThanOrEqual']);
/** The matchers that bound their subject from above (a time in the argument is bounded below). */
const AT_MOST = new Set(['toBeLessThan', 'toBeLessThanOrEqual']);
/** Matchers that hold a value on both sides: a lower bound among them. */
const NEAR = new Set(['toBeCloseTo']);
/** Matchers that say the subject is true (or, negated or with `false`, false). */
const TRUE_MATCHERS = new Set(['toBe', 'toEqual', 'toStrictEqual']);
const TRUTHY = new Set(['toBeTruthy']);
const FALSY = new Set(['toBeFalsy']);

/** What may stand between expect(…) and its matcher. */
const MODIFIERS = new Set(['not', 'resolves', 'rejects']);

/**
 * The assertions in `source` (TypeScript or JavaScript, JSX allowed) that bound a measured time
 * from below: `expect(elapsed).toBeGreaterThanOrEqual(…)`, `expect(x).toBeLessThan(elapsed)`,
 * `expect(elapsed).not.toBeLessThan(…)`, `expect(elapsed >= x).toBe(true)`, `assert.ok(…)` and
 * the like, however the call is laid out over lines. A measured time is an expression that names
 * elapsed, duration (duration_ms, durationMs), took, waited or hrtime, reads performance.now(),
 * Date.now() or process.hrtime(), or is a variable initialised from one of those. Code in strings
 * and comments is not code, so it is never reported.
 */
export function findTimingLowerBounds(source: string, file = '<source>'): Offence[] {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    /\.[cm]?[jt]sx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const measured = measuredVariables(sourceFile);
  const isTime = (node: ts.Node | undefined) =>
    node !== undefined && mentionsTime(node, measured, sourceFile);
  const offences: Offence[] = [];
  const report = (node: ts.Node) => {
    const start = node.getStart(sourceFile);
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
    const code = node.getText(sourceFile).replace(/\s*\n\s*/g, ' ');
    offences.push({ file, line: line + 1, column: character + 1, code });
  };

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && boundsTimeBelow(node, isTime)) report(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return offences;
}

/** Whether `call` is an assertion that bounds a measured time from below. */
function boundsTimeBelow(call: ts.CallExpression, isTime: (node?: ts.Node) => boolean): boolean {
  // assert(a >= b), assert.ok(a >= b)
  const callee = call.expression.getText().replace(/\s+/g, '');
  if (callee === 'assert' || callee === 'assert.ok') {
    return comparesTimeBelow(call.arguments[0], false, isTime);
  }
  const assertion = expectChain(call);
  if (!assertion) return false;
  const { matcher, negated, subject } = assertion;
  const argument = call.arguments[0];
  if (AT_LEAST.has(matcher)) return isTime(negated ? argument : subject);
  if (AT_MOST.has(matcher)) return isTime(negated ? subject : argument);
  if (NEAR.has(matcher)) return !negated && (isTime(subject) || isTime(argument));
  const said = truthSaid(matcher, argument);
  if (said === undefined) return false;
  return comparesTimeBelow(subject, said === negated, isTime);
}

/** `expect(subject)[.not|.resolves|.rejects…].matcher(…)`, taken apart; undefined for other calls. */
function expectChain(
  call: ts.CallExpression,
): { matcher: string; negated: boolean; subject: ts.Expression | undefined } | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  const matcher = call.expression.name.text;
  let negated = false;
  let target: ts.Expression = call.expression.expression;
  while (ts.isPropertyAccessExpression(target) && MODIFIERS.has(target.name.text)) {
    if (target.name.text === 'not') negated = !negated;
    target = target.expression;
  }
  if (!ts.isCallExpression(target)) return undefined;
  const expectName = target.expression.getText().replace(/\s+/g, '');
  if (!/^expect(\.soft|\.poll)?$/.test(expectName)) return undefined;
  return { matcher, negated, subject: target.arguments[0] };
}

/** true when the matcher says its subject is true, false when false, undefined otherwise. */
function truthSaid(matcher: string, argument: ts.Expression | undefined): boolean | undefined {
  if (TRUTHY.has(matcher)) return true;
  if (FALSY.has(matcher)) return false;
  if (!TRUE_MATCHERS.has(matcher) || argument === undefined) return undefined;
  if (argument.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (argument.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** Whether `node` is a comparison that (asserted true, or false when `inverted`) bounds a time below. */
function comparesTimeBelow(
  node: ts.Expression | undefined,
  inverted: boolean,
  isTime: (node?: ts.Node) => boolean,
): boolean {
  let expression = node;
  while (expression && ts.isParenthesizedExpression(expression)) expression = expression.expression;
  if (!expression) return false;
  if (
    ts.isPrefixUnaryExpression(expression) &&
    expression.operator === ts.SyntaxKind.ExclamationToken
  ) {
    return comparesTimeBelow(expression.operand, !inverted, isTime);
  }
  if (!ts.isBinaryExpression(expression)) return false;
  const operator = expression.operatorToken.kind;
  const greater =
    operator === ts.SyntaxKind.GreaterThanToken ||
    operator === ts.SyntaxKind.GreaterThanEqualsToken;
  const less =
    operator === ts.SyntaxKind.LessThanToken || operator === ts.SyntaxKind.LessThanEqualsToken;
  if (!greater && !less) return false;
  // a > b bounds a below and b above; asserted false, the other way round.
  const boundedBelow = greater !== inverted ? expression.left : expression.right;
  return isTime(boundedBelow);
}

/** Whether `node` names a measured time, reads the clock, or uses a variable in `measured`. */
function mentionsTime(node: ts.Node, measured: Set<string>, sourceFile: ts.SourceFile): boolean {
  let found = false;
  const visit = (child: ts.Node) => {
    if (found) return;
    if (ts.isIdentifier(child)) {
      found = TIMING_NAME.test(child.text) || measured.has(child.text);
    } else if (ts.isPropertyAccessExpression(child)) {
      found = CLOCKS.has(child.getText(sourceFile).replace(/\s+/g, ''));
    } else if (
      ts.isElementAccessExpression(child) &&
      ts.isStringLiteralLike(child.argumentExpression)
    ) {
      found = TIMING_NAME.test(child.argumentExpression.text);
    }
    if (!found) ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/**
 * The variables initialised from a measured time, such as `const t = performance.now() - t0`,
 * followed through other variables; by name, across the file's scopes.
 */
function measuredVariables(sourceFile: ts.SourceFile): Set<string> {
  const declarations: [string, ts.Expression][] = [];
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      declarations.push([node.name.text, node.initializer]);
    }
    ts.forEachChild(node, collect);
  };
  collect(sourceFile);
  const measured = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, initializer] of declarations) {
      if (!measured.has(name) && mentionsTime(initializer, measured, sourceFile)) {
        measured.add(name);
        grew = true;
      }
    }
  }
  return measured;
}

/** An offence as `file:line:column  code`, the form a test failure lists. */
export function formatOffence(offence: Offence): string {
  return `${offence.file}:${offence.line}:${offence.column}  ${offence.code}`;
}
