import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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

export function launchChromium(): Promise<Browser> {
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
    ],
  });
}
