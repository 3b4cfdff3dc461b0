import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './config/stage-config.ts';
import { STAGES, stageByName } from './config/stages.ts';
import { REPO_ROOT } from './constructs/gateway-function.ts';
import { GatewayStage } from './gateway-stage.ts';

export interface GatewayAppOptions extends AppProps {
  /**
   * @default the stage named by the `stage` context value (`-c stage=dev`), else every stage of
   * lib/config/stages.ts
   */
  readonly stages?: readonly StageConfig[];
}

export interface GatewayApp {
  readonly app: App;
  readonly stages: readonly GatewayStage[];
}

/**
 * The CDK app: one Stage per stage config, cdk-nag AwsSolutions checks over all of them.
 * cdk-nag v3 is a CDK policy-validation plugin (not an Aspect): any unacknowledged finding, error
 * or warning, fails `cdk synth`.
 */
export function buildGatewayApp(options: GatewayAppOptions = {}): GatewayApp {
  const { stages: explicit, ...appProps } = options;
  const app = new App(appProps);
  const only: unknown = app.node.tryGetContext('stage');
  const configs = explicit ?? (typeof only === 'string' ? [stageByName(only)] : STAGES);
  const stages = configs.map(
    (config) =>
      new GatewayStage(app, config.name, {
        config,
        ...(config.account && config.region ? { env: { account: config.account, region: config.region } } : {}),
      }),
  );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stages };
}

/**
 * cdk.json's context (feature flags). The CLI hands it to the app itself; an app built in-process
 * (tests, benchmark) passes it explicitly so it synthesizes the same templates.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}
