import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { loadLocalConfig } from '../local/config.ts';
import type { LocalAuthConfig } from '../local/cognito-local.ts';
import { isStaffRole } from '../functions/core/staff/roles.ts';

/**
 * `npm run -s token -- counselor`: signs a default local user of that role in (USER_PASSWORD_AUTH
 * against the local gateway's cognito-local) and prints the id token, for
 * `curl -H "authorization: Bearer $(npm run -s token -- counselor)" ...`.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    user: { type: 'string' },
    gateway: { type: 'string' },
  },
});
const role = positionals[0] ?? 'counselor';
if (!isStaffRole(role)) {
  process.stderr.write(`unknown role "${role}": counselor, supervisor or auditor\n`);
  process.exit(2);
}
const config = loadLocalConfig();
const gateway = values.gateway ?? process.env.GATEWAY_URL ?? `http://${config.HOST}:${config.PORT}`;
let auth: LocalAuthConfig;
try {
  const response = await fetch(`${gateway}/local/auth/config`);
  if (!response.ok) throw new Error(`status ${response.status}`);
  auth = (await response.json()) as LocalAuthConfig;
} catch (error) {
  process.stderr.write(`no local gateway answers at ${gateway} (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}): start it with \`npm start\`, or set PORT / GATEWAY_URL\n`);
  process.exit(1);
}
const username = values.user ?? auth.users.find((user) => user.role === role)?.username;
if (!username) {
  process.stderr.write(`the local pool has no default ${role}\n`);
  process.exit(1);
}
const client = new CognitoIdentityProviderClient({ endpoint: auth.endpoint, region: auth.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
try {
  const result = await client.send(
    new InitiateAuthCommand({
      ClientId: auth.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: config.LOCAL_USER_PASSWORD },
    }),
  );
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`no id token (challenge ${result.ChallengeName ?? 'none'})`);
  process.stdout.write(`${token}\n`);
} catch (error) {
  process.stderr.write(`sign-in of ${username} failed: ${error instanceof Error ? error.message : String(error)} (LOCAL_USER_PASSWORD must match the gateway's)\n`);
  process.exit(1);
}
