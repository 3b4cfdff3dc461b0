import { CfnOutput } from 'aws-cdk-lib';
import { CfnApplication } from 'aws-cdk-lib/aws-appintegrations';
import { CfnIntegrationAssociation, type CfnSecurityProfile } from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';

export interface WorkspaceAppRegistrationProps {
  readonly stageName: string;
  readonly instanceArn: string;
  /** Where the agent workspace loads the app from (the CloudFront URL). */
  readonly accessUrl: string;
  /** Security profiles whose agents may open the app. */
  readonly securityProfiles: readonly CfnSecurityProfile[];
}

/**
 * What the app may see of the workspace (Amazon Connect Administrator Guide, "Events and requests
 * when granting third-party applications access"): Contact.Details.View for the contact lifecycle
 * events (contact/onConnected, ...) and Contact.Attributes.View for contact/getAttributes, which
 * names the complaint. Nothing about the agent, the customer's number or contact control.
 */
export const WORKSPACE_APP_PERMISSIONS = ['Contact.Details.View', 'Contact.Attributes.View'];

/**
 * Registers the counselor workspace app as a third-party application of the stage's Amazon Connect
 * instance: an AppIntegrations application (external URL, permissions, one instance per contact),
 * its association with the instance (integration type APPLICATION), and ACCESS for the counselor
 * and supervisor security profiles. Agents then open it from the agent workspace's apps.
 */
export class WorkspaceAppRegistration extends Construct {
  readonly application: CfnApplication;
  readonly association: CfnIntegrationAssociation;
  readonly namespace: string;

  constructor(scope: Construct, id: string, props: WorkspaceAppRegistrationProps) {
    super(scope, id);
    this.namespace = `${props.stageName}-counselor-workspace`;
    this.application = new CfnApplication(this, 'Application', {
      name: `${props.stageName}-counselor-workspace`,
      namespace: this.namespace,
      description: '120 counselor workspace: the complaint of the current contact, its replies and handling, and the counselling knowledge base',
      applicationSourceConfig: { externalUrlConfig: { accessUrl: props.accessUrl } },
      permissions: WORKSPACE_APP_PERMISSIONS,
      // One app instance per contact: the workspace gives it the contact at creation (AppCreateEvent scope).
      applicationConfig: { contactHandling: { scope: 'PER_CONTACT' } },
    });
    this.association = new CfnIntegrationAssociation(this, 'Association', {
      instanceId: props.instanceArn,
      integrationType: 'APPLICATION',
      integrationArn: this.application.attrApplicationArn,
    });
    for (const profile of props.securityProfiles) {
      profile.applications = [{ namespace: this.namespace, applicationPermissions: ['ACCESS'], type: 'THIRD_PARTY_APPLICATION' }];
      // A profile can name only an application the instance knows.
      profile.node.addDependency(this.association);
    }
    new CfnOutput(this, 'WorkspaceAppNamespace', { value: this.namespace, description: 'Agent workspace app namespace (security profiles grant ACCESS to it)' });
  }
}
