// @ts-check
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/*
 * Leaves log statements unmutated: `<anything>.log.info|warn|error|debug(...)` and `console.*(...)`.
 * A mutant of a log call can only drop or blank what the line says (Stryker never adds a value
 * to it), so it cannot put personal data into a log; that no log holds personal data is tested
 * directly (e.g. tests/unit/chat/accounts.test.ts, "never logs the name, the number, the code or
 * the token"). What a log line says is for operators, not a rule of the code under test here.
 */
const LOG_METHODS = new Set(['info', 'warn', 'error', 'debug']);

/** @param {import('@babel/core').types.Node} node */
function isLogCall(node) {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  if (property.type !== 'Identifier') return false;
  if (object.type === 'Identifier' && object.name === 'console') return true;
  return LOG_METHODS.has(property.name) && object.type === 'MemberExpression' && object.property.type === 'Identifier' && object.property.name === 'log';
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'log-statements', {
    /** @param {import('@babel/core').NodePath} path */
    shouldIgnore(path) {
      if (path.isExpressionStatement() && isLogCall(path.node.expression)) return 'a log statement: what it says is not behaviour under test';
      if (path.isAwaitExpression() && isLogCall(path.node.argument)) return 'a log statement: what it says is not behaviour under test';
      return undefined;
    },
  }),
];
