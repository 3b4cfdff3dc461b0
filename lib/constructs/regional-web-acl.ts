import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface RegionalWebAclProps {
  /** Metric name prefix, also the ACL's description subject. */
  readonly name: string;
  /** ARN of the API Gateway stage to protect. */
  readonly resourceArn: string;
  /**
   * Citizen free text travels in the body (SMS text, replies). The common rule set's body rules
   * (XSS, LFI/RFI, size) would block a citizen who writes "<script>" or pastes a long message,
   * and a refused webhook is a lost complaint: set true to count those rules instead of blocking.
   */
  readonly countBodyInspectionRules: boolean;
  /** Requests per 5 minutes per client IP; unset for webhooks whose callers share few IPs. */
  readonly rateLimitPerIp?: number;
}

const BODY_INSPECTION_RULES = [
  'SizeRestrictions_BODY',
  'CrossSiteScripting_BODY',
  'GenericLFI_BODY',
  'GenericRFI_BODY',
  'EC2MetaDataSSRF_BODY',
];

/** WAFv2 web ACL with AWS managed rule groups, associated with one REST API stage. */
export class RegionalWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: RegionalWebAclProps) {
    super(scope, id);
    const managed = (priority: number, ruleGroup: string, overrides: string[] = []): CfnWebACL.RuleProperty => ({
      name: ruleGroup,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: ruleGroup,
          ...(overrides.length > 0
            ? { ruleActionOverrides: overrides.map((name) => ({ name, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: `${props.name}-${ruleGroup}` },
    });

    const rules: CfnWebACL.RuleProperty[] = [
      managed(0, 'AWSManagedRulesAmazonIpReputationList'),
      managed(1, 'AWSManagedRulesKnownBadInputsRuleSet'),
      managed(2, 'AWSManagedRulesCommonRuleSet', props.countBodyInspectionRules ? BODY_INSPECTION_RULES : []),
    ];
    if (props.rateLimitPerIp !== undefined) {
      rules.push({
        name: 'rate-limit-per-ip',
        priority: 3,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: props.rateLimitPerIp, aggregateKeyType: 'IP' } },
        visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: `${props.name}-rate-limit` },
      });
    }

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: `${props.name}: AWS managed rule groups`,
      rules,
      visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: props.name },
    });
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.resourceArn, webAclArn: this.webAcl.attrArn });
  }
}
