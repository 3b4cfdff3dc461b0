import { Aws } from 'aws-cdk-lib';
import type { StageConfig } from './stage-config.ts';

/** The alias of the stage's Amazon Connect instance: the imported one's, or the one the Voice stack creates. */
export function connectInstanceAliasOf(config: Pick<StageConfig, 'name' | 'connectInstanceArn' | 'connectInstanceAlias'>): string {
  if (config.connectInstanceArn) {
    if (!config.connectInstanceAlias) throw new Error(`stage ${config.name}: connectInstanceAlias is required with connectInstanceArn`);
    return config.connectInstanceAlias;
  }
  return `${config.name}-citizen-gateway-${Aws.ACCOUNT_ID}`;
}

/**
 * Where the agent workspace of an instance runs: https://<alias>.my.connect.aws, and the older
 * https://<alias>.awsapps.com that instances created before the domain change still answer on
 * (Amazon Connect Administrator Guide, "Emergency login": the instance URL is <alias>.my.connect.aws).
 */
export function agentWorkspaceOrigins(alias: string): string[] {
  return [`https://${alias}.my.connect.aws`, `https://${alias}.awsapps.com`];
}
