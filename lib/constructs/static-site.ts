import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

export interface StaticSiteProps {
  /** Construct ids, given by the caller so existing stacks keep their logical ids. */
  readonly ids: { readonly bucket: string; readonly headers: string; readonly distribution: string };
  /** What the site serves, for comments and acknowledgement reasons ("the citizen chat page"). */
  readonly what: string;
  readonly comment: string;
  readonly contentSecurityPolicy: string;
  /** Send X-Frame-Options: DENY (a page nobody may frame); off when frame-ancestors names a framer. */
  readonly denyFraming: boolean;
  /** Why the distribution has no geo restriction (cdk-nag CFR1). */
  readonly whyNoGeoRestriction: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Static files in a private S3 bucket (SSE-S3, TLS only, versioned, public access blocked) behind
 * CloudFront with origin access control, HTTPS only, and security headers (the CSP given, HSTS,
 * nosniff, no-referrer). Created directly in `scope`, so the resources keep the ids they had.
 */
export function privateStaticSite(scope: Construct, props: StaticSiteProps): { bucket: Bucket; distribution: Distribution } {
  const bucket = new Bucket(scope, props.ids.bucket, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: props.removalPolicy,
    autoDeleteObjects: false,
  });
  const headers = new ResponseHeadersPolicy(scope, props.ids.headers, {
    comment: `${props.comment}: strict security headers`,
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
      contentTypeOptions: { override: true },
      ...(props.denyFraming ? { frameOptions: { frameOption: HeadersFrameOption.DENY, override: true } } : {}),
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
  });
  const distribution = new Distribution(scope, props.ids.distribution, {
    comment: props.comment,
    defaultRootObject: 'index.html',
    httpVersion: HttpVersion.HTTP2_AND_3,
    defaultBehavior: {
      origin: S3BucketOrigin.withOriginAccessControl(bucket),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      responseHeadersPolicy: headers,
      compress: true,
    },
  });
  acknowledge(bucket, 'AwsSolutions-S1', `The bucket holds only ${props.what}, read solely by CloudFront through OAC; access is logged at the distribution's callers (API Gateway), not per object.`);
  acknowledge(distribution, 'AwsSolutions-CFR1', props.whyNoGeoRestriction);
  acknowledge(
    distribution,
    'AwsSolutions-CFR2',
    `A CloudFront web ACL must live in us-east-1 and the stage deploys to one region; ${props.what} is static, and the APIs it calls have regional WAF and throttling.`,
  );
  acknowledge(
    distribution,
    'AwsSolutions-CFR3',
    `Standard logging needs an ACL-enabled log bucket; ${props.what} is static files without personal data, and the API calls it makes are logged at API Gateway.`,
  );
  acknowledge(distribution, 'AwsSolutions-CFR4', 'The default *.cloudfront.net certificate cannot pin a minimum TLS version; TLSv1.2_2021 applies once a custom domain and certificate are attached.');
  return { bucket, distribution };
}
