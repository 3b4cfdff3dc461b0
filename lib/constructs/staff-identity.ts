import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_ROLES, type StaffRole } from '../../functions/core/staff/roles.ts';

export interface StaffIdentityProps {
  readonly stageName: string;
}

const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  counselor: 'Counselors: read complaints, reply, change status/category/agency, search the knowledge base',
  supervisor: 'Supervisors: counselor rights plus knowledge edits and imports, quick responses, statistics',
  auditor: 'Auditors: read-only access to complaints, statistics and the audit trail',
};

/**
 * The staff user pool: counselors, supervisors and auditors sign in here; their role is the
 * pool group they belong to (`cognito:groups` in the id token). Sign-in by e-mail, TOTP MFA
 * required (staff read citizens' personal data), Plus feature plan for threat protection,
 * no self sign-up: accounts are created by an administrator.
 */
export class StaffIdentity extends Construct {
  readonly userPool: UserPool;
  /** The counselor workspace app (a browser app: no client secret). */
  readonly workspaceClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: StaffIdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'StaffPool', {
      userPoolName: `${props.stageName}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: false },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      // Staff accounts and their groups outlive any one deployment, like the complaint table.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of STAFF_ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: ROLE_DESCRIPTIONS[role],
      });
    }
    this.workspaceClient = this.userPool.addClient('WorkspaceApp', {
      userPoolClientName: `${props.stageName}-counselor-workspace`,
      generateSecret: false,
      // SRP for the app; USER_PASSWORD_AUTH over TLS is what the local stand-in supports too.
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
  }
}
