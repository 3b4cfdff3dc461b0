import type { Stack } from 'aws-cdk-lib';
import { templateOf } from './synthesized-gateway.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** ARN each Connect attribute stands for, with placeholders for the ids CloudFormation assigns. */
const CONNECT_ATTRIBUTE_ARNS: Record<string, (id: string) => string> = {
  'AWS::Connect::Instance/Arn': (id) => `arn:aws:connect:region:account:instance/${id}`,
  'AWS::Connect::ContactFlow/ContactFlowArn': (id) => `arn:aws:connect:region:account:instance/instance-of-${id}/contact-flow/${id}`,
  'AWS::Connect::Queue/QueueArn': (id) => `arn:aws:connect:region:account:instance/instance-of-${id}/queue/${id}`,
};

/**
 * Renders a CloudFormation expression into the string it will be (Connect ARNs in their real
 * shape, other references as named placeholders), following imports into the exporting stack.
 */
export function renderCloudFormation(value: Json, stack: Stack, stacks: readonly Stack[]): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`cannot render ${JSON.stringify(value)}`);
  const join = value['Fn::Join'] as [string, Json[]] | undefined;
  if (join) return join[1].map((part) => renderCloudFormation(part, stack, stacks)).join(join[0]);
  const select = value['Fn::Select'] as [number, { 'Fn::Split': [string, Json] }] | undefined;
  if (select) return renderCloudFormation(select[1]['Fn::Split'][1], stack, stacks).split(select[1]['Fn::Split'][0])[select[0]] ?? '';
  if ('Ref' in value) return { 'AWS::Partition': 'aws', 'AWS::Region': 'region', 'AWS::AccountId': 'account' }[String(value.Ref)] ?? `ref-${String(value.Ref)}`;
  const getAtt = value['Fn::GetAtt'] as [string, string] | undefined;
  if (getAtt) {
    const type = (templateOf(stack).toJSON().Resources as Record<string, { Type: string }>)[getAtt[0]]?.Type;
    const arn = CONNECT_ATTRIBUTE_ARNS[`${type}/${getAtt[1]}`];
    return arn ? arn(getAtt[0]) : `getatt-${getAtt[0]}-${getAtt[1]}`;
  }
  const imported = value['Fn::ImportValue'];
  if (typeof imported === 'string') {
    for (const exporter of stacks) {
      const outputs = (templateOf(exporter).toJSON().Outputs ?? {}) as Record<string, { Value: Json; Export?: { Name: Json } }>;
      const output = Object.values(outputs).find((o) => o.Export?.Name === imported);
      if (output) return renderCloudFormation(output.Value, exporter, stacks);
    }
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}
