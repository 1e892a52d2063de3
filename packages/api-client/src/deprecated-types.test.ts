import { endpoints } from '@textpulse/contracts';
import { oldHealthEndpoint } from '@textpulse/contracts/fixtures';
import { buildOpenApiDocument } from '@textpulse/openapi';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { renderTypes } from '../scripts/render-types.js';

/**
 * The declaration `path` names in `source` (an interface, then one property name per level),
 * found by the TypeScript parser.
 */
function propertyAt(source: ts.SourceFile, path: readonly string[]): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node, depth: number): void => {
    if (found) return;
    const named = ts.isPropertySignature(node) || ts.isInterfaceDeclaration(node);
    if (named && node.name.getText(source).replace(/^"|"$/g, '') === path[depth]) {
      if (depth === path.length - 1) {
        found = node;
        return;
      }
      ts.forEachChild(node, (child) => visit(child, depth + 1));
      return;
    }
    ts.forEachChild(node, (child) => visit(child, depth));
  };
  visit(source, 0);
  return found;
}

const tagsOf = (node: ts.Node | undefined) =>
  node ? ts.getJSDocTags(node).map((tag) => tag.tagName.text) : [];

describe('the generated types of a deprecated operation', () => {
  it('mark the operation and its deprecated field @deprecated', async () => {
    const document = buildOpenApiDocument('1.0.0', { ...endpoints, oldHealth: oldHealthEndpoint });
    const types = await renderTypes(JSON.stringify(document));
    const source = ts.createSourceFile('schema.gen.ts', types, ts.ScriptTarget.Latest, true);
    expect(tagsOf(propertyAt(source, ['paths', '/v1/fixtures/old-health', 'get']))).toContain(
      'deprecated',
    );
    const field = propertyAt(source, [
      'operations',
      'oldHealth',
      'responses',
      '200',
      'content',
      'application/json',
      'up',
    ]);
    expect(tagsOf(field)).toContain('deprecated');
    // A live operation is not.
    expect(tagsOf(propertyAt(source, ['paths', '/v1/health', 'get']))).not.toContain('deprecated');
  });
});
