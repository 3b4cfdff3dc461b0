import { cognitoIssuer, jwtStaffTokenVerifier } from '../../adapters/auth/jwt-staff-token-verifier.ts';
import type { StaffAuthorizerDeps } from '../../core/staff/authorize.ts';
import { lambdaAccessRecorder } from './access-recorder.ts';
import { readEnvironment } from './environment.ts';
import { log } from './log-and-clock.ts';

export async function staffAuthorizerDeps(): Promise<StaffAuthorizerDeps> {
  const env = readEnvironment(['staffUserPoolId', 'staffClientIds', 'region']);
  const verifier = jwtStaffTokenVerifier({
    issuer: cognitoIssuer(env.region, env.staffUserPoolId),
    clientIds: env.staffClientIds.split(',').filter(Boolean),
  });
  return { verifier, log, access: lambdaAccessRecorder() };
}
