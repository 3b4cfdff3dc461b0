import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLocalConfig } from '../../local/config.ts';
import { startLocalGateway, type LocalGateway, type LocalGatewayOverrides } from '../../local/gateway.ts';
import { postTwilioSms, type SimulatedSms } from '../../local/simulated-twilio.ts';
import type { StaffRole } from '../../functions/core/staff/roles.ts';

export interface TestGateway extends LocalGateway {
  dataDir: string;
  sms(sms: SimulatedSms, options?: { tamper?: boolean }): Promise<{ status: number; body: string; params: Record<string, string> }>;
  /** Calls the API as a default staff user of `as` (counselor unless named; null: no token). */
  api<T>(path: string, init?: RequestInit, options?: { as?: StaffRole | null }): Promise<{ status: number; body: T }>;
  /** An id token of the default local user of that role (cached per gateway). */
  tokenFor(role: StaffRole): Promise<string>;
  /** Waits until the queue has nothing visible or in flight (delayed retries may remain). */
  settle(): Promise<void>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** The real local gateway on OS-assigned ports and a temporary data dir. */
export async function startTestGateway(
  overrides: LocalGatewayOverrides = {},
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<TestGateway> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'gateway-')));
  const config = loadLocalConfig({ PORT: '0', DYNAMODB_PORT: '0', COGNITO_PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'SILENT', TRANSLATOR: 'none', QUEUE_VISIBILITY_MS: '50', KNOWLEDGE_SEED: 'none', ...env });
  const gateway = await startLocalGateway(config, overrides);
  // PORT 0: the URL Twilio "signs" is only known once the server listens.
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? gateway.url;
  if (!env.PUBLIC_BASE_URL) gateway.deps.twilioWebhook.publicBaseUrl = publicBaseUrl;
  const tokens = new Map<StaffRole, Promise<string>>();
  const tokenFor = (role: StaffRole) => {
    let token = tokens.get(role);
    if (!token) {
      const user = gateway.staff.config.users.find((candidate) => candidate.role === role);
      if (!user) throw new Error(`no default ${role}`);
      token = gateway.staff.idTokenFor(user.username);
      tokens.set(role, token);
    }
    return token;
  };
  return {
    ...gateway,
    dataDir: dir,
    tokenFor,
    sms: (sms, options = {}) =>
      postTwilioSms({
        gatewayUrl: gateway.url,
        publicBaseUrl,
        authToken: config.TWILIO_AUTH_TOKEN,
        accountSid: config.TWILIO_ACCOUNT_SID,
        sms,
        ...(options.tamper ? { tamper: true } : {}),
      }),
    api: async <T>(path: string, init: RequestInit = {}, options: { as?: StaffRole | null } = {}) => {
      const role = options.as === undefined ? 'counselor' : options.as;
      const headers = new Headers(init.headers);
      if (role) headers.set('authorization', `Bearer ${await tokenFor(role)}`);
      const response = await fetch(`${gateway.url}${path}`, { ...init, headers });
      return { status: response.status, body: (await response.json()) as T };
    },
    settle: () => gateway.queue.whenIdle(),
    stop: async (options = {}) => {
      await gateway.close();
      if (!options.keepData) await rm(dir, { recursive: true, force: true });
    },
  };
}
