import type { Template } from 'aws-cdk-lib/assertions';

export type Statement = { Effect: string; Action?: string | string[]; NotAction?: unknown; Resource: unknown; NotResource?: unknown };
export const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** What no role may do to the audit table: change or remove items, or the table and its protections. */
const FORBIDDEN = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
  'dynamodb:DeleteTable',
  'dynamodb:UpdateTable',
  'dynamodb:UpdateTimeToLive',
  'dynamodb:UpdateContinuousBackups',
  'dynamodb:PutResourcePolicy',
  'dynamodb:DeleteResourcePolicy',
];

function globMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return regex.test(action);
}

/** Every identity-policy statement in the template (default policies, policies, managed policies, inline role policies). */
export function allStatements(template: Template): Array<{ where: string; statement: Statement; roles: unknown[] }> {
  const found: Array<{ where: string; statement: Statement; roles: unknown[] }> = [];
  const documents = (type: string, pick: (properties: Record<string, unknown>, id: string) => Array<{ document: unknown; roles: unknown[] }>) => {
    for (const [id, resource] of Object.entries(template.findResources(type))) {
      for (const { document, roles } of pick((resource as { Properties: Record<string, unknown> }).Properties, id)) {
        for (const statement of asArray((document as { Statement: Statement | Statement[] }).Statement)) found.push({ where: id, statement, roles });
      }
    }
  };
  documents('AWS::IAM::Policy', (p) => [{ document: p.PolicyDocument, roles: asArray(p.Roles as unknown[] | undefined) }]);
  documents('AWS::IAM::ManagedPolicy', (p) => [{ document: p.PolicyDocument, roles: asArray(p.Roles as unknown[] | undefined) }]);
  documents('AWS::IAM::Role', (p, id) => asArray(p.Policies as Array<{ PolicyDocument: unknown }> | undefined).map((policy) => ({ document: policy.PolicyDocument, roles: [{ Ref: id }] })));
  return found;
}

/** A statement's resources name the table (directly, or through a cross-stack output named for its logical id). */
export function namesTable(statement: Statement, tableLogicalId: string): boolean {
  return JSON.stringify(statement.Resource).includes(tableLogicalId);
}

/**
 * Statements that let a principal update or delete in the audit table: an allowed action (wildcards
 * expanded) among FORBIDDEN, or a NotAction, on a resource that names the table or is `*`.
 */
export function updateOrDeleteGrants(template: Template, tableLogicalId: string): string[] {
  return allStatements(template)
    .filter(({ statement }) => statement.Effect === 'Allow')
    .filter(({ statement }) => {
      const resources = [...asArray(statement.Resource), ...asArray(statement.NotResource)];
      return statement.NotResource !== undefined || resources.some((resource) => resource === '*' || JSON.stringify(resource).includes(tableLogicalId));
    })
    .flatMap(({ where, statement }) => {
      if (statement.NotAction !== undefined) return [`${where}: NotAction on the audit table`];
      const patterns = asArray(statement.Action);
      return FORBIDDEN.filter((action) => patterns.some((pattern) => globMatches(pattern, action))).map((action) => `${where}: ${action}`);
    });
}
