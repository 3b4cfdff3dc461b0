/**
 * esbuild plugin that lets unused AWS SDK schemas drop out of a bundle (ADR 0008).
 *
 * Each SDK v3 client ships one `schemas/schemas_0.js` with a declaration per shape and operation
 * of the whole service. Operation schemas of REST protocols carry their HTTP binding under a
 * computed key (`{ [_h]: ["PUT", "/users/{InstanceId}", 200] }`); esbuild cannot prove a computed
 * key free of side effects, so it keeps every such declaration and, through them, every shape
 * they name: 185 KB of Amazon Connect's schemas for a function that calls one operation.
 *
 * The plugin wraps the initializer of every top-level array or object declaration in those files
 * in an IIFE annotated `@__PURE__`. The value is computed at the same point of module evaluation
 * as before (same order, same references), so behaviour is unchanged; esbuild may now drop a
 * declaration nobody references. Side-effect statements (`registry.registerError(...)`) are
 * untouched, so the schemas they name are kept.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import ts from 'typescript';

/** `@aws-sdk/client-<service>/dist-es/schemas/schemas_<n>.js`, with either path separator. */
export const SDK_SCHEMA_FILE = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

const PURE_OPEN = '/* @__PURE__ */ (() => (';
const PURE_CLOSE = '))()';

/** Source text with each top-level array/object initializer wrapped in a pure IIFE. */
export function markSchemaDeclarationsPure(source: string, fileName = 'schemas_0.js'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const spans: Array<{ start: number; end: number }> = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (init && (ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init))) {
        spans.push({ start: init.getStart(file), end: init.end });
      }
    }
  }
  let output = '';
  let cursor = 0;
  for (const { start, end } of spans) {
    output += source.slice(cursor, start) + PURE_OPEN + source.slice(start, end) + PURE_CLOSE;
    cursor = end;
  }
  return output + source.slice(cursor);
}

export function sdkSchemaTreeShaking(): Plugin {
  return {
    name: 'sdk-schema-tree-shaking',
    setup(build) {
      build.onLoad({ filter: SDK_SCHEMA_FILE }, async ({ path }) => ({
        contents: markSchemaDeclarationsPure(await readFile(path, 'utf8'), path),
        loader: 'js',
      }));
    },
  };
}
