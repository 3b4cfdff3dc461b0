import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildVideoSdkBundle, VIDEO_SDK_PATH } from '../../scripts/video-sdk-bundle.ts';
import { browserAvailable, fakeMediaArgs, launchChromium } from '../support/browser.ts';
import { chatAccountOn } from '../support/chat-account.ts';
import { ManualClock } from '../support/in-memory-ports.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';
import { citizenVideoPage, counselorVideoPage, decodedFrames, runPreCallCheck } from '../support/video-pages.ts';

describe.runIf(browserAvailable)('sign-language video call between the citizen page and the counselor page (WebRTC, fake camera)', () => {
  let gateway: TestGateway;
  let browser: Browser;
  let citizen: { accountId: string; token: string };

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await launchChromium(fakeMediaArgs('allow'));
    citizen = await chatAccountOn(gateway, '010-4242-1717');
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('checks camera, microphone and connection in the citizen language, calls on demand, and both sides receive video whose decoded frames keep rising; text goes beside it; the counselor hangs up and both end', async () => {
    const desk = await counselorVideoPage(browser, gateway, 'counselor');
    const other = await counselorVideoPage(browser, gateway, 'supervisor');
    const { page } = await citizenVideoPage(browser, gateway, citizen.token, 'en');
    try {
      await runPreCallCheck(page);
      expect(await page.getByTestId('check-camera').innerText()).toBe('OK');
      expect(await page.getByTestId('check-microphone').innerText()).toBe('OK');
      expect(await page.getByTestId('check-connection').innerText()).toBe('OK');
      expect(await page.getByTestId('check-summary').innerText()).toBe('All checked. Start your call below.');

      await page.getByTestId('call-now').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('call-status').innerText(), { timeout: 10_000 }).toBe('Waiting for a sign-language counselor. Please hold on.');

      await expect.poll(() => desk.page.getByTestId('accept').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => other.page.getByTestId('accept').count(), { timeout: 10_000 }).toBe(1);
      await desk.page.getByTestId('accept').click();
      await desk.page.getByTestId('call').waitFor({ state: 'visible' });
      // Offered to both, owned by the first: the other counselor's queue empties, no call opens there.
      await expect.poll(() => other.page.getByTestId('accept').count()).toBe(0);
      expect(await other.page.getByTestId('call').isVisible()).toBe(false);

      await expect.poll(() => page.getByTestId('call-status').innerText(), { timeout: 10_000 }).toBe('You are connected to a sign-language counselor.');
      await expect.poll(() => decodedFrames(page), { timeout: 15_000 }).toBeGreaterThan(0);
      await expect.poll(() => decodedFrames(desk.page), { timeout: 15_000 }).toBeGreaterThan(0);
      const citizenFrames = await decodedFrames(page);
      const counselorFrames = await decodedFrames(desk.page);
      await expect.poll(() => decodedFrames(page), { timeout: 10_000 }).toBeGreaterThan(citizenFrames);
      await expect.poll(() => decodedFrames(desk.page), { timeout: 10_000 }).toBeGreaterThan(counselorFrames);
      // The camera sends what sign language needs: 720p, at least 15 frames a second (Chromium's fake camera runs at 20), marked as motion.
      const sent = await page.evaluate(() => {
        const track = ((document.querySelector('[data-testid=self-video]') as HTMLVideoElement).srcObject as MediaStream).getVideoTracks()[0]!;
        return { height: track.getSettings().height, frameRate: track.getSettings().frameRate, hint: track.contentHint };
      });
      expect(sent).toMatchObject({ height: 720, hint: 'motion' });
      expect(sent.frameRate).toBeGreaterThanOrEqual(15);

      // Text beside the video, over the chat connection, into the call's complaint; the counselor answers.
      await page.getByTestId('text-input').focus();
      await page.keyboard.type('Seoul Jung-gu Sejong-daero 110');
      await page.keyboard.press('Enter');
      await expect.poll(() => desk.page.getByTestId('call-text-citizen').allInnerTexts(), { timeout: 15_000 }).toContainEqual(expect.stringContaining('Sejong-daero 110'));
      await desk.page.getByTestId('reply-text').fill('주소 확인했습니다');
      await desk.page.getByTestId('reply-send').click();
      await expect.poll(() => page.getByTestId('video-message-counselor').count(), { timeout: 15_000 }).toBe(1);

      await desk.page.getByTestId('hang-up').click();
      await expect.poll(() => page.getByTestId('call-status').innerText(), { timeout: 10_000 }).toBe('The counselor ended the call.');
      await expect.poll(() => desk.page.getByTestId('call-status').innerText(), { timeout: 10_000 }).toContain('You ended the call');
      expect(await page.getByTestId('hang-up').isVisible()).toBe(false);
    } finally {
      await Promise.all([desk.context.close(), other.context.close(), page.context().close()]);
    }
  });

  it("ends both sides when the citizen hangs up, and records the call on the citizen's complaint", async () => {
    const desk = await counselorVideoPage(browser, gateway, 'counselor');
    const { page } = await citizenVideoPage(browser, gateway, citizen.token, 'ko');
    try {
      await runPreCallCheck(page);
      await page.getByTestId('call-now').click();
      await expect.poll(() => desk.page.getByTestId('accept').count(), { timeout: 10_000 }).toBe(1);
      await desk.page.getByTestId('accept').click();
      await expect.poll(() => decodedFrames(page), { timeout: 15_000 }).toBeGreaterThan(0);
      const receipt = await desk.page.getByTestId('call-receipt').innerText();

      await page.getByTestId('hang-up').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('call-status').innerText()).toBe('통화를 끝냈습니다.');
      await expect.poll(() => desk.page.getByTestId('call-status').innerText(), { timeout: 10_000 }).toContain('The citizen ended the call');
      await expect
        .poll(async () => (await gateway.api<{ statusHistory?: Array<{ reason: string }> }>(`/api/complaints/${receipt}`)).body.statusHistory?.map((e) => e.reason) ?? [], { timeout: 10_000 })
        .toEqual(expect.arrayContaining(['video call started', 'video call connected to a counselor', expect.stringMatching(/^video call ended after .* with a counselor \(CUSTOMER_DISCONNECT\)$/)]));
    } finally {
      await Promise.all([desk.context.close(), page.context().close()]);
    }
  });

  it('labels every control for screen readers and makes the main controls large', async () => {
    const { page } = await citizenVideoPage(browser, gateway, citizen.token, 'ko');
    try {
      await runPreCallCheck(page);
      for (const id of ['check', 'call-now', 'hang-up', 'text-send']) {
        const name = await page.getByTestId(id).evaluate((element) => element.textContent?.trim() ?? '');
        expect(name, id).not.toBe('');
      }
      expect(await page.getByTestId('remote-video').getAttribute('aria-label')).toBe('상담사 영상');
      expect(await page.getByTestId('call-status').getAttribute('role')).toBe('status');
      const height = await page.getByTestId('call-now').evaluate((element) => element.getBoundingClientRect().height);
      expect(height).toBeGreaterThanOrEqual(48);
      // The Chime SDK is not part of the page until an Amazon Connect call starts.
      const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
      expect(scripts.some((name) => name.includes('amazon-chime-sdk'))).toBe(false);
    } finally {
      await page.context().close();
    }
  });
});

describe.runIf(browserAvailable)('the video page when the camera is refused', () => {
  let gateway: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await launchChromium(fakeMediaArgs('deny'));
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('says clearly that the camera was refused, in the citizen language, and offers text instead', async () => {
    const citizen = await chatAccountOn(gateway, '010-5151-6161', 'vi');
    const { page } = await citizenVideoPage(browser, gateway, citizen.token, 'vi');
    try {
      await runPreCallCheck(page);
      expect(await page.getByTestId('check-camera').innerText()).toBe('Có vấn đề');
      const problem = page.getByTestId('camera-problem');
      expect(await problem.getAttribute('role')).toBe('alert');
      expect(await problem.innerText()).toContain('Quyền dùng camera đã bị từ chối.');
      const textInstead = page.getByTestId('text-instead');
      expect(await textInstead.getAttribute('href')).toBe('index.html');
      // Focus lands on the way out, so a keyboard user goes on with one key.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('text-instead');
      expect(await page.getByTestId('start-section').isVisible()).toBe(false);
      await page.getByTestId('ui-language').selectOption('ja');
      expect(await problem.innerText()).toContain('カメラの使用が拒否されました。');
    } finally {
      await page.context().close();
    }
  });
});

/**
 * Runs in the page, as web/chat/video.js would when the start route answers with ConnectionData
 * (StartWebRTCContact's shape, pointing at a port nothing listens on). A string, so the test
 * runner leaves its dynamic imports to the browser.
 */
const JOIN_WITH_CHIME = `(async () => {
  const sdk = await import('./vendor/amazon-chime-sdk.js');
  const { joinChimeCall } = await import('./video-chime.js');
  const { openCamera } = await import('./video-peer.js');
  const { stream } = await openCamera();
  const events = [];
  const local = document.querySelector('[data-testid=self-video]');
  const connectionData = {
    Meeting: { MeetingId: 'meeting-1', MediaRegion: 'ap-northeast-2', MediaPlacement: { AudioHostUrl: '127.0.0.1:9', AudioFallbackUrl: 'wss://127.0.0.1:9/audio', SignalingUrl: 'wss://127.0.0.1:9/signal', TurnControlUrl: 'https://127.0.0.1:9/turn', EventIngestionUrl: 'https://127.0.0.1:9/events' } },
    Attendee: { AttendeeId: 'attendee-1', JoinToken: 'join-token' },
  };
  const call = await joinChimeCall(sdk, connectionData, { stream, remoteVideo: document.querySelector('[data-testid=remote-video]'), localVideo: local, audioElement: document.querySelector('audio'), onEvent: (event) => events.push(event) });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const quality = call.audioVideo.getVideoInputQualitySettings();
  call.stop();
  // The SDK reports the end asynchronously; a busy machine can take seconds, so wait for it (bounded).
  for (let waited = 0; !events.includes('ended') && waited < 20000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  return { quality: { width: quality.videoWidth, height: quality.videoHeight, frameRate: quality.videoFrameRate }, events };
})()`;

describe.runIf(browserAvailable)('joining an Amazon Connect video call with the Amazon Chime SDK bundle', () => {
  let gateway: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    gateway = await startTestGateway();
    browser = await launchChromium(fakeMediaArgs('allow'));
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('sets up the meeting from ConnectionData with the sign-language video settings (720p, 30 fps) and ends when stopped (no AWS: the media servers are unreachable)', async () => {
    const bundle = join(buildVideoSdkBundle(), VIDEO_SDK_PATH);
    const context = await browser.newContext();
    await context.route('**/chat/vendor/amazon-chime-sdk.js', (route) => route.fulfill({ path: bundle, contentType: 'text/javascript; charset=utf-8' }));
    const page = await context.newPage();
    try {
      await page.goto(`${gateway.url}/chat/video.html`);
      const result = (await page.evaluate(JOIN_WITH_CHIME)) as { quality: unknown; events: string[] };
      expect(result.quality).toEqual({ width: 1280, height: 720, frameRate: 30 });
      expect(result.events).toContain('ended');
    } finally {
      await context.close();
    }
  });
});

describe.runIf(browserAvailable)('a reserved video call from the day’s list', () => {
  // Monday 2026-03-02 09:00 KST: the 11:00 slot is bookable, and joinable from 10:50.
  const clock = new ManualClock('2026-03-02T00:00:00.000Z');
  let gateway: TestGateway;
  let browser: Browser;

  beforeAll(async () => {
    gateway = await startTestGateway({ clock });
    browser = await launchChromium(fakeMediaArgs('allow'));
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('lists the reservation, opens it 10 minutes before the slot, and marks it kept once the counselor answers', async () => {
    const citizen = await chatAccountOn(gateway, '010-6262-7373');
    const booked = await fetch(`${gateway.url}/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestId: 'video-browser-0001', citizen: { chatAccountId: citizen.accountId }, slot: '2026-03-02T11:00', contactPreference: 'video', language: 'ko' }),
    });
    expect(booked.status).toBe(201);
    const { reservationId } = (await booked.json()) as { reservationId: string };

    clock.set('2026-03-02T01:30:00.000Z');
    const early = await citizenVideoPage(browser, gateway, citizen.token, 'en');
    await runPreCallCheck(early.page);
    expect(await early.page.getByTestId('reservations').innerText()).toContain('You can call from 10:50.');
    expect(await early.page.getByTestId('join-reservation').count()).toBe(0);
    await early.context.close();

    clock.set('2026-03-02T01:55:00.000Z');
    const desk = await counselorVideoPage(browser, gateway, 'counselor');
    const { page, context } = await citizenVideoPage(browser, gateway, citizen.token, 'en');
    try {
      await runPreCallCheck(page);
      await page.getByTestId('join-reservation').click();
      await expect.poll(() => desk.page.getByTestId('accept').count(), { timeout: 10_000 }).toBe(1);
      await desk.page.getByTestId('accept').click();
      await expect.poll(() => decodedFrames(desk.page), { timeout: 15_000 }).toBeGreaterThan(0);
      await expect
        .poll(async () => ((await (await fetch(`${gateway.url}/reservations/${reservationId}`)).json()) as { status: string }).status, { timeout: 10_000 })
        .toBe('kept');
      await desk.page.getByTestId('hang-up').click();
      await expect.poll(() => page.getByTestId('call-status').innerText(), { timeout: 10_000 }).toBe('The counselor ended the call.');
    } finally {
      await Promise.all([desk.context.close(), context.close()]);
    }
  });
});
