import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { loadLocalConfig } from '../local/config.ts';
import { startLocalGateway, WEB_ROOT, type LocalGateway } from '../local/gateway.ts';
import { buildVideoSdkBundle, VIDEO_SDK_PATH } from '../scripts/video-sdk-bundle.ts';
import { browserAvailable, fakeMediaArgs, launchChromium } from '../tests/support/browser.ts';
import { percentile, round } from './support.ts';

/**
 * `npm run bench:video`: the local sign-language video call in headless Chromium with its fake
 * camera, and the citizen site's weight. Click to first remote frame: from the citizen's click on
 * "call now" to the first frame of the counselor's video painted in the citizen's page
 * (requestVideoFrameCallback), with the counselor's page accepting as soon as the call is offered,
 * over BENCH_VIDEO_CALLS calls (default 10). Weight: the JS and CSS each page loads before a call
 * starts, gzip -9, against what a call adds (the peer-to-peer module, or the Chime adapter and SDK
 * bundle an Amazon Connect call imports). Prints one JSON line.
 */
const CALLS = Math.max(1, Number(process.env.BENCH_VIDEO_CALLS ?? 10));

const kb = (bytes: number) => round(bytes / 1024, 1);
const gzipKb = async (file: string) => kb(gzipSync(await readFile(file), { level: 9 }).length);

/** The same-origin scripts and styles a page fetched, by file name under web/chat. */
async function loadedAssets(page: Page): Promise<string[]> {
  const names = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
  return [...new Set(names.filter((path) => /^\/chat\/.+\.(js|css)$/.test(path)).map((path) => path.slice('/chat/'.length)))].sort();
}

async function weightOf(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += await gzipKb(join(WEB_ROOT, 'chat', file));
  return round(total, 1);
}

async function chatAccount(gateway: LocalGateway): Promise<string> {
  const post = (path: string, body: unknown) => fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const phone = '010-7070-8080';
  await post('/chat/accounts', { name: '벤치', phone, language: 'ko' });
  const code = gateway.outbox.list().map((entry) => /(\d{6})/.exec(entry.body)?.[1]).find(Boolean);
  const verified = (await (await post('/chat/accounts/verify', { phone, code })).json()) as { token: string };
  return verified.token;
}

async function oneCall(citizen: Page, counselor: Page): Promise<number> {
  await citizen.evaluate(() => {
    const state = window as unknown as { benchClickAt?: number; benchFirstFrameAt?: number };
    delete state.benchClickAt;
    delete state.benchFirstFrameAt;
    document.querySelector('[data-testid=call-now]')?.addEventListener('click', () => (state.benchClickAt = performance.now()), { capture: true, once: true });
    const video = document.querySelector('[data-testid=remote-video]') as HTMLVideoElement & { requestVideoFrameCallback(cb: (now: number) => void): number };
    video.requestVideoFrameCallback((now) => (state.benchFirstFrameAt = now));
  });
  await citizen.getByTestId('call-now').click();
  await counselor.getByTestId('accept').first().click({ timeout: 20_000 });
  await citizen.waitForFunction(() => (window as unknown as { benchFirstFrameAt?: number }).benchFirstFrameAt !== undefined, undefined, { timeout: 30_000 });
  const elapsed = await citizen.evaluate(() => {
    const state = window as unknown as { benchClickAt: number; benchFirstFrameAt: number };
    return state.benchFirstFrameAt - state.benchClickAt;
  });
  await citizen.getByTestId('hang-up').click();
  await counselor.getByTestId('call-status').filter({ hasText: 'The citizen ended the call' }).waitFor({ timeout: 10_000 });
  return elapsed;
}

async function main(): Promise<void> {
  if (!browserAvailable) throw new Error('bench:video needs Debian chromium (apt-get install chromium)');
  const dataDir = await mkdtemp(join(tmpdir(), 'gateway-bench-video-'));
  const gateway = await startLocalGateway(loadLocalConfig({ PORT: '0', DYNAMODB_PORT: '0', COGNITO_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'SILENT', TRANSLATOR: 'none' }), { inMemoryStore: true });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(fakeMediaArgs('allow'));
    const token = await chatAccount(gateway);
    const staffToken = await gateway.staff.idTokenFor(gateway.staff.config.users.find((user) => user.role === 'counselor')!.username);

    const counselorContext = await browser.newContext();
    await counselorContext.addInitScript((value) => sessionStorage.setItem('staff-id-token', value), staffToken);
    const counselor = await counselorContext.newPage();
    await counselor.goto(`${gateway.url}/console/video-call.html`);
    await counselor.getByTestId('desk-status').filter({ hasText: 'Connected' }).waitFor();

    const citizenContext = await browser.newContext();
    await citizenContext.addInitScript((value) => {
      sessionStorage.setItem('citizenChat.token', JSON.stringify(value));
      sessionStorage.setItem('citizenChat.uiLanguage', JSON.stringify('en'));
    }, token);
    const chatPage = await citizenContext.newPage();
    await chatPage.goto(`${gateway.url}/chat/`);
    await chatPage.waitForLoadState('networkidle');
    const chatShell = await loadedAssets(chatPage);
    await chatPage.close();

    const citizen = await citizenContext.newPage();
    await citizen.goto(`${gateway.url}/chat/video.html`);
    await citizen.waitForLoadState('networkidle');
    const videoShell = await loadedAssets(citizen);
    await citizen.getByTestId('check').click();
    await citizen.getByTestId('call-now').waitFor({ state: 'visible' });

    const samples: number[] = [];
    for (let i = 0; i < CALLS; i += 1) {
      samples.push(await oneCall(citizen, counselor));
      await citizen.getByTestId('call-again').click();
      await citizen.getByTestId('call-now').waitFor({ state: 'visible' });
    }
    const afterCalls = await loadedAssets(citizen);

    const sdkBundle = join(buildVideoSdkBundle(), VIDEO_SDK_PATH);
    const chimeAdapter = 'video-chime.js';
    const shellKb = await weightOf(videoShell);
    const sdkKb = round((await gzipKb(sdkBundle)) + (await gzipKb(join(WEB_ROOT, 'chat', chimeAdapter))), 1);
    const peerAssets = afterCalls.filter((file) => !videoShell.includes(file));
    const result = {
      videoCalls: CALLS,
      clickToFirstRemoteFrameMs: { p50: round(percentile(samples, 50)), p90: round(percentile(samples, 90)), samples: samples.map((ms) => round(ms)) },
      appShellGzipKb: {
        chatPage: { files: chatShell, kb: await weightOf(chatShell) },
        videoPage: { files: videoShell, kb: shellKb },
        localCallAdds: { files: peerAssets, kb: await weightOf(peerAssets) },
        amazonConnectCallAdds: { files: [chimeAdapter, basename(VIDEO_SDK_PATH)], kb: sdkKb },
        videoPageWithSdk: round(shellKb + sdkKb, 1),
        sdkLoadedBeforeCall: videoShell.some((file) => file.includes('amazon-chime-sdk')),
      },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser?.close();
    await gateway.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
