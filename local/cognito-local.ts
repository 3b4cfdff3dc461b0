import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { jwtStaffTokenVerifier, plainFetchJwks } from '../functions/adapters/auth/jwt-staff-token-verifier.ts';
import type { StaffTokenVerifier } from '../functions/core/ports/staff-tokens.ts';
import { STAFF_ROLES, type StaffRole } from '../functions/core/staff/roles.ts';
import type { Log } from '../functions/core/ports/runtime.ts';

export const LOCAL_STAFF_POOL_NAME = 'citizen-contact-gateway-staff';
export const LOCAL_STAFF_CLIENT_NAME = 'counselor-workspace';

/** One default user per role (cognito-local's pools sign in by e-mail address). */
export const LOCAL_STAFF_USERS: ReadonlyArray<{ username: string; role: StaffRole }> = [
  { username: 'counselor1@example.org', role: 'counselor' },
  { username: 'counselor2@example.org', role: 'counselor' },
  { username: 'supervisor1@example.org', role: 'supervisor' },
  { username: 'auditor1@example.org', role: 'auditor' },
];

/** What a client needs to sign in (`GET /local/auth/config`): the USER_PASSWORD_AUTH flow of InitiateAuth. */
export interface LocalAuthConfig {
  endpoint: string;
  region: string;
  userPoolId: string;
  clientId: string;
  users: ReadonlyArray<{ username: string; role: StaffRole }>;
}

export interface LocalStaffIdentity {
  config: LocalAuthConfig;
  issuer: string;
  verifier: StaffTokenVerifier;
  /** Signs a default user in and returns the id token (tests, `npm run token`). */
  idTokenFor(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface LocalStaffIdentityOptions {
  dataDir: string;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  region: string;
  password: string;
  log: Log;
}

const require = createRequire(import.meta.url);

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function isAws(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

async function waitUntilListening(child: ChildProcess, endpoint: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | null = null;
  const onExit = (code: number | null, signal: string | null) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  };
  child.once('exit', onExit);
  try {
    while (Date.now() < deadline) {
      if (exited) throw new Error(`cognito-local ${exited} before it listened`);
      // Any HTTP answer means it listens (cognito-local answers GET / with 404).
      const answered = await fetch(endpoint, { signal: AbortSignal.timeout(1000) }).then(
        () => true,
        () => false,
      );
      if (answered) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`cognito-local did not listen on ${endpoint} within ${timeoutMs} ms`);
  } finally {
    child.off('exit', onExit);
  }
}

/**
 * Starts cognito-local, a real server speaking the Cognito Identity Provider API, in a child
 * process with its state under DATA_DIR/cognito, and makes sure the staff pool, its app client,
 * one group per role and one default user per role exist (idempotent: a restart finds them).
 * Tokens are RS256 id tokens with `cognito:groups`, verified by the same code as in AWS.
 */
export async function startLocalStaffIdentity(options: LocalStaffIdentityOptions): Promise<LocalStaffIdentity> {
  const dir = join(options.dataDir, 'cognito');
  await mkdir(join(dir, '.cognito'), { recursive: true });
  const port = options.port === 0 ? await freePort(options.host) : options.port;
  const endpoint = `http://${options.host}:${port}`;
  // The issuer is written into every token: it must name the port clients reach.
  await writeFile(join(dir, '.cognito', 'config.json'), JSON.stringify({ TokenConfig: { IssuerDomain: endpoint } }, null, 2));

  const child = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: options.host, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stopping = false;
  const tail: string[] = [];
  const keepTail = (chunk: Buffer) => {
    tail.push(chunk.toString('utf8'));
    if (tail.length > 20) tail.shift();
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  child.stdout?.on('error', () => undefined);
  child.stderr?.on('error', () => undefined);
  child.on('error', (error) => options.log.error('cognito-local failed', { errorMessage: error.message }));
  child.on('exit', (code, signal) => {
    if (!stopping) options.log.error('cognito-local stopped: staff sign-in is unavailable', { code, signal, output: tail.join('').slice(-500) });
  });
  const close = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  try {
    await waitUntilListening(child, endpoint, 30_000);
    const client = new CognitoIdentityProviderClient({
      endpoint,
      region: options.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 2,
    });
    const userPoolId = await ensurePool(client);
    const clientId = await ensureClient(client, userPoolId);
    for (const role of STAFF_ROLES) {
      await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role })).catch((error: unknown) => {
        if (!isAws(error, 'GroupExistsException')) throw error;
      });
    }
    for (const user of LOCAL_STAFF_USERS) await ensureUser(client, userPoolId, user, options.password);

    const issuer = `${endpoint}/${userPoolId}`;
    const config: LocalAuthConfig = { endpoint, region: options.region, userPoolId, clientId, users: LOCAL_STAFF_USERS };
    return {
      config,
      issuer,
      verifier: jwtStaffTokenVerifier({ issuer, clientIds: [clientId], jwksFetcher: plainFetchJwks }),
      idTokenFor: async (username, password = options.password) => {
        const result = await client.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }),
        );
        const token = result.AuthenticationResult?.IdToken;
        if (!token) throw new Error(`sign-in of ${username} returned no id token (challenge ${result.ChallengeName ?? 'none'})`);
        return token;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function ensurePool(client: CognitoIdentityProviderClient): Promise<string> {
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = pools.UserPools?.find((pool) => pool.Name === LOCAL_STAFF_POOL_NAME)?.Id;
  if (existing) return existing;
  const created = await client.send(new CreateUserPoolCommand({ PoolName: LOCAL_STAFF_POOL_NAME, UsernameAttributes: ['email'] }));
  const id = created.UserPool?.Id;
  if (!id) throw new Error('cognito-local created a user pool without an id');
  return id;
}

async function ensureClient(client: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const existing = clients.UserPoolClients?.find((appClient) => appClient.ClientName === LOCAL_STAFF_CLIENT_NAME)?.ClientId;
  if (existing) return existing;
  const created = await client.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: LOCAL_STAFF_CLIENT_NAME, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  );
  const id = created.UserPoolClient?.ClientId;
  if (!id) throw new Error('cognito-local created an app client without an id');
  return id;
}

async function ensureUser(client: CognitoIdentityProviderClient, userPoolId: string, user: { username: string; role: StaffRole }, password: string): Promise<void> {
  const exists = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.username })).then(
    () => true,
    (error: unknown) => {
      if (isAws(error, 'UserNotFoundException')) return false;
      throw error;
    },
  );
  if (!exists) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: user.username },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  }
  // Always set: LOCAL_USER_PASSWORD may have changed since the last start.
  await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.username, Password: password, Permanent: true }));
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: user.role }));
}
