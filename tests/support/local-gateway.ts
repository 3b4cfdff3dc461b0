import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLocalConfig } from '../../local/config.ts';
import { startLocalGateway, type LocalGateway, type LocalGatewayOverrides } from '../../local/gateway.ts';
import { postTwilioSms, type SimulatedSms } from '../../local/simulated-twilio.ts';

export interface TestGateway extends LocalGateway {
  dataDir: string;
  sms(sms: SimulatedSms, options?: { tamper?: boolean }): Promise<{ status: number; body: string; params: Record<string, string> }>;
  api<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
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
  const config = loadLocalConfig({ PORT: '0', DYNAMODB_PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'SILENT', TRANSLATOR: 'none', QUEUE_VISIBILITY_MS: '50', ...env });
  const gateway = await startLocalGateway(config, overrides);
  // PORT 0: the URL Twilio "signs" is only known once the server listens.
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? gateway.url;
  if (!env.PUBLIC_BASE_URL) gateway.deps.twilioWebhook.publicBaseUrl = publicBaseUrl;
  return {
    ...gateway,
    dataDir: dir,
    sms: (sms, options = {}) =>
      postTwilioSms({
        gatewayUrl: gateway.url,
        publicBaseUrl,
        authToken: config.TWILIO_AUTH_TOKEN,
        accountSid: config.TWILIO_ACCOUNT_SID,
        sms,
        ...(options.tamper ? { tamper: true } : {}),
      }),
    api: async <T>(path: string, init?: RequestInit) => {
      const response = await fetch(`${gateway.url}${path}`, init);
      return { status: response.status, body: (await response.json()) as T };
    },
    settle: () => gateway.queue.whenIdle(),
    stop: async (options = {}) => {
      await gateway.close();
      if (!options.keepData) await rm(dir, { recursive: true, force: true });
    },
  };
}
