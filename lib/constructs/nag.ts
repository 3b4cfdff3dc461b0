import { Stack, Validations } from 'aws-cdk-lib';
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
