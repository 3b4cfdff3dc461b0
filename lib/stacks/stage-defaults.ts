import { RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StageConfig } from '../config/stage-config.ts';
import type { FunctionDefaults } from '../constructs/catalog-function.ts';

export function removalPolicyOf(config: StageConfig): RemovalPolicy {
  return config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

export function logRetentionOf(config: StageConfig): RetentionDays {
  // The config schema only admits values CloudWatch Logs accepts, which are RetentionDays' values.
  return config.logRetentionDays as RetentionDays;
}

export function functionDefaultsOf(config: StageConfig): FunctionDefaults {
  return { config, logRetention: logRetentionOf(config), logRemovalPolicy: removalPolicyOf(config) };
}
