import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the citizen page imports it from, relative to web/chat/ (web/chat/video.js CHIME_BUNDLE). */
export const VIDEO_SDK_PATH = 'vendor/amazon-chime-sdk.js';

/** Only what web/chat/video-chime.js uses, so the page's one import names everything it may touch. */
const ENTRY = `export { AudioProfile, ConsoleLogger, DefaultDeviceController, DefaultMeetingSession, LogLevel, MeetingSessionConfiguration } from 'amazon-chime-sdk-js';\n`;

/**
 * The SDK's messaging session (Amazon Chime SDK messaging, chat channels) is never used by an
 * Amazon Connect video call, but its module requires the whole AWS SDK messaging client, whose
 * Node.js credential chain cannot be bundled for a browser: it is replaced by an empty module.
 */
const NO_MESSAGING = { '@aws-sdk/client-chime-sdk-messaging': join(REPO_ROOT, 'scripts', 'video-sdk-no-messaging.cjs') };

function sdkVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'amazon-chime-sdk-js', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Builds the Amazon Chime SDK for the citizen page as one minified ES module, which the page
 * imports only when an Amazon Connect video call starts (web/chat/video.js). Returns the folder
 * holding `vendor/amazon-chime-sdk.js`, cached in node_modules/.cache per SDK version and entry;
 * the chat channel deploys it beside web/chat.
 */
export function buildVideoSdkBundle(): string {
  const key = createHash('sha256').update(sdkVersion()).update(ENTRY).update(JSON.stringify(NO_MESSAGING)).update('define-global').digest('hex').slice(0, 16);
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'video-sdk', key);
  const file = join(dir, VIDEO_SDK_PATH);
  if (existsSync(file)) return dir;
  const staging = `${dir}.${process.pid}`;
  buildSync({
    stdin: { contents: ENTRY, resolveDir: REPO_ROOT, loader: 'js', sourcefile: 'amazon-chime-sdk-entry.js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'eof',
    outfile: join(staging, VIDEO_SDK_PATH),
    logLevel: 'error',
    alias: NO_MESSAGING,
    // Some of the SDK's dependencies name Node's `global`; a browser has `globalThis`.
    define: { global: 'globalThis' },
  });
  mkdirSync(join(dir, '..'), { recursive: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another build got there first: its output is the same.
    if (!existsSync(file)) throw error;
  }
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${join(buildVideoSdkBundle(), VIDEO_SDK_PATH)}\n`);
}
