import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aws, CfnOutput, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { bundleWorkspaceApp, WORKSPACE_APP_DIR } from '../web/workspace-app-bundle.ts';
import { acknowledgeBucketDeploymentProvider } from './nag.ts';
import { privateStaticSite } from './static-site.ts';

export interface WorkspaceAppHostingProps {
  readonly stageName: string;
  /** Origins allowed to frame the app: the stage's Amazon Connect agent workspace. */
  readonly frameAncestors: readonly string[];
  readonly removalPolicy: RemovalPolicy;
  /** What the app reads from config.json to sign in and call the staff API. */
  readonly config: WorkspaceAppConfig;
}

export interface WorkspaceAppConfig {
  readonly userPoolId: string;
  readonly clientId: string;
  /** https://{api}.execute-api.{region}.amazonaws.com/{stage} */
  readonly apiBaseUrl: string;
  /** The API's origin, for the CSP's connect-src. */
  readonly apiOrigin: string;
}

/**
 * The app's files as deployed: the page and styles of web/console (every top-level file, so pages
 * other teams add beside it ship too), and the esbuild bundle under dist/. Built at synthesis into
 * a fresh temporary folder, so concurrent syntheses never share one.
 */
function stageAppFiles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workspace-app-'));
  for (const entry of readdirSync(WORKSPACE_APP_DIR, { withFileTypes: true })) {
    if (entry.isFile()) copyFileSync(join(WORKSPACE_APP_DIR, entry.name), join(dir, entry.name));
  }
  bundleWorkspaceApp(join(dir, 'dist'));
  return dir;
}

/**
 * The counselor workspace app on S3 behind CloudFront (OAC, HTTPS only) with a strict CSP whose
 * frame-ancestors names only the stage's Amazon Connect instance, so the agent workspace may frame
 * it and no other site can; config.json beside it names the sign-in pool and the staff API.
 */
export class WorkspaceAppHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://{distribution domain}: the app's origin (the API answers it with CORS headers). */
  readonly origin: string;
  /** The app's URL: the access URL the agent workspace frames. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WorkspaceAppHostingProps) {
    super(scope, id);
    const { config } = props;
    const signIn = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src 'self' ${signIn} ${config.apiOrigin}`,
      // Only the agent workspace may frame the app.
      `frame-ancestors 'self' ${props.frameAncestors.join(' ')}`,
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; ');
    ({ bucket: this.bucket, distribution: this.distribution } = privateStaticSite(this, {
      ids: { bucket: 'AppBucket', headers: 'SecurityHeaders', distribution: 'App' },
      what: 'the counselor workspace app',
      comment: `Counselor workspace app (${props.stageName})`,
      contentSecurityPolicy: csp,
      // X-Frame-Options cannot name an origin: DENY would refuse the agent workspace too.
      denyFraming: false,
      whyNoGeoRestriction: "Counselors work from the city's offices and from home; a geo restriction adds nothing to the sign-in (Cognito, TOTP MFA) every API call needs.",
      removalPolicy: props.removalPolicy,
    }));
    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/`;

    new BucketDeployment(this, 'AppFiles', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(stageAppFiles()),
        Source.jsonData('config.json', {
          endpoint: `${signIn}/`,
          region: Aws.REGION,
          userPoolId: config.userPoolId,
          clientId: config.clientId,
          apiBaseUrl: config.apiBaseUrl,
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
    });
    new CfnOutput(this, 'WorkspaceAppUrl', { value: this.url, description: 'Counselor workspace app (standalone, and the access URL the agent workspace frames)' });
    acknowledgeBucketDeploymentProvider(Stack.of(this), 'the static workspace app');
  }
}
