import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestGateway, type TestGateway } from './local-gateway.ts';

/** Debian's chromium (apt-get install chromium), installed by .ci/run; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need the system chromium. In CI (CI=true) its absence is a failure; on a
 * developer machine without it the browser suites are skipped with a visible reason.
 */
export const browserAvailable = existsSync(CHROMIUM_PATH);
if (!browserAvailable && process.env.CI === 'true') {
  throw new Error(`browser tests need Debian's chromium at ${CHROMIUM_PATH} (.ci/run installs it)`);
}
if (!browserAvailable) {
  process.stderr.write(`\n[browser tests skipped] no chromium at ${CHROMIUM_PATH}: sudo apt-get install chromium\n`);
}

/**
 * Chromium's own media stand-ins: a synthetic camera (a moving test pattern) and microphone
 * (a beep), and the permission prompt answered "allow" without a prompt (`deny` answers "block").
 */
export function fakeMediaArgs(permission: 'allow' | 'deny' = 'allow'): string[] {
  return ['--use-fake-device-for-media-stream', permission === 'allow' ? '--use-fake-ui-for-media-stream' : '--deny-permission-prompts'];
}

export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * A local gateway and chromium for the current test file or suite: started in beforeAll, stopped
 * in afterAll. Read them through the accessors once the hooks have run.
 */
export function gatewayAndBrowser(): { gateway(): TestGateway; browser(): Browser } {
  let gateway: TestGateway | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (read it inside a test)`);
    return value;
  };
  return { gateway: () => started(gateway, 'the gateway'), browser: () => started(browser, 'chromium') };
}
