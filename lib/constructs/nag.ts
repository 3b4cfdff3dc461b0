import { Stack, Validations } from 'aws-cdk-lib';
import { Policy } from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on one construct (and its children), with the reason
 * recorded in the construct metadata. cdk-nag v3 runs as a CDK policy-validation plugin, so
 * this is CDK's own `Validations.acknowledge`; IAM5 findings are acknowledged one by one as
 * `AwsSolutions-IAM5[Resource::...]`, the v3 form of v2's `appliesTo`.
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  if (reason.trim().length < 20) throw new Error(`A nag acknowledgement needs a real reason (${ruleId} at ${scope.node.path})`);
  Validations.of(scope).acknowledge({ id: ruleId, reason });
}

/**
 * Acknowledges the IAM5 finding for one wildcard resource ARN (e.g. `<bucket>/*`), computing the
 * finding id as cdk-nag does. Only works for ARNs built from this stack's own references and
 * pseudo parameters (cross-stack references are rewritten later in synthesis).
 */
export function acknowledgeWildcardResource(policy: IConstruct, resourceArn: string, reason: string): void {
  const flattened = flattenCfnReference(Stack.of(policy).resolve(resourceArn));
  if (!flattened.includes('*')) throw new Error(`${resourceArn} has no wildcard to acknowledge (${policy.node.path})`);
  acknowledge(policy, `AwsSolutions-IAM5[Resource::${flattened}]`, reason);
}

/** Acknowledges each IAM5 wildcard (action or resource) of a policy CDK itself generates, one by one. */
export function acknowledgeEveryWildcard(policy: Policy, reason: string): void {
  const document = Stack.of(policy).resolve(policy.document.toJSON()) as { Statement?: Array<{ Action?: unknown; Resource?: unknown }> } | undefined;
  const ids = new Set<string>();
  for (const statement of document?.Statement ?? []) {
    for (const action of [statement.Action ?? []].flat()) if (typeof action === 'string' && action.includes('*')) ids.add(`Action::${action}`);
    for (const resource of [statement.Resource ?? []].flat()) {
      const flattened = flattenCfnReference(resource);
      if (flattened.includes('*')) ids.add(`Resource::${flattened}`);
    }
  }
  for (const id of ids) acknowledge(policy, `AwsSolutions-IAM5[${id}]`, reason);
}

/**
 * The CDK BucketDeployment provider (a stack-level singleton aws-cdk-lib creates) copies static
 * files at deploy time; its role, runtime and wildcards are aws-cdk-lib's. `what` names the files.
 */
export function acknowledgeBucketDeploymentProvider(stack: Stack, what: string): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    const role = child.node.tryFindChild('ServiceRole');
    if (!role) continue;
    acknowledge(
      role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      `CDK BucketDeployment provider role (aws-cdk-lib managed): it only copies ${what} at deploy time.`,
    );
    acknowledge(child, 'AwsSolutions-L1', 'CDK BucketDeployment provider runtime is chosen by aws-cdk-lib and runs only at deploy time.');
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (policy instanceof Policy) acknowledgeEveryWildcard(policy, `CDK BucketDeployment provider: syncs ${what} from the CDK asset bucket into its bucket and invalidates the distribution.`);
  }
}
