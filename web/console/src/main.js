// The counselor workspace app: standalone (the gateway's `/` locally, S3 + CloudFront in AWS) or
// framed by the Amazon Connect agent workspace, where it opens the complaint of the current contact.
import { authConfig, claims, currentToken, signIn, signOut } from '../sign-in.js';
import { createApi } from './api.js';
import { createComplaintView } from './complaint.js';
import { $, el } from './dom.js';
import { createKnowledgePanel } from './knowledge.js';
import { createQueue } from './queue.js';

const REFRESH_MS = 3000;

const config = await authConfig();
const api = createApi(config.apiBaseUrl, (message) => showSignIn(message));

function roles() {
  return claims(currentToken() ?? '')?.['cognito:groups'] ?? [];
}

const knowledge = createKnowledgePanel({ api });
const complaint = createComplaintView({ api, knowledge, onChanged: () => queue.refresh() });
const queue = createQueue({ api, open: (id, options) => complaint.open(id, options) });

function showSignIn(message = '') {
  $('#workspace').hidden = true;
  $('#signed-in').hidden = true;
  $('#sign-in-panel').hidden = false;
  $('#sign-in-result').textContent = message;
  $('#sign-in-user').focus();
}

function showWorkspace() {
  const payload = claims(currentToken());
  $('#who').textContent = `${payload?.email ?? payload?.['cognito:username'] ?? ''} (${(payload?.['cognito:groups'] ?? []).join(', ')})`;
  $('#sign-in-panel').hidden = true;
  $('#signed-in').hidden = false;
  $('#workspace').hidden = false;
  queue.setRoles(roles());
}

// --- sign-in ------------------------------------------------------------------------------------
$('#local-users').replaceChildren(...(config.users ?? []).map((user) => el('option', { value: user.username }, user.role)));
/** The pending question of the sign-in flow (a code, a new password): answered by the next submit. */
let waiting = null;
function ask(section, input) {
  return () => {
    $(section).hidden = false;
    input.required = true;
    input.focus();
    return new Promise((resolve) => {
      waiting = () => {
        const value = input.value.trim();
        input.value = '';
        input.required = false;
        $(section).hidden = true;
        resolve(value);
      };
    });
  };
}
const code = $('#sign-in-code');
$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (waiting) {
    const answer = waiting;
    waiting = null;
    answer();
    return;
  }
  $('#sign-in-result').textContent = '';
  try {
    await signIn(config, $('#sign-in-user').value.trim(), $('#sign-in-password').value, {
      code: ask('#mfa', code),
      newPassword: ask('#new-password', $('#sign-in-new-password')),
      setupCode: ({ secret, uri }) => {
        $('#mfa-secret').textContent = secret;
        $('#mfa-uri').textContent = uri;
        $('#mfa-setup').hidden = false;
        return ask('#mfa', code)().finally(() => {
          $('#mfa-setup').hidden = true;
          $('#mfa-secret').textContent = '';
          $('#mfa-uri').textContent = '';
        });
      },
    });
    $('#sign-in-password').value = '';
    showWorkspace();
    await queue.refresh();
    if (pendingComplaint) await openPending();
    else $('#complaints').querySelector('button')?.focus();
  } catch (error) {
    for (const section of ['#mfa', '#new-password', '#mfa-setup']) $(section).hidden = true;
    $('#sign-in-result').textContent = `로그인 실패 · Sign-in failed: ${error.message}`;
  }
});
$('#sign-out').addEventListener('click', () => {
  signOut();
  complaint.clear();
  showSignIn();
});

// --- a complaint named from outside: the agent workspace's contact, or #complaint=<id> --------------
let pendingComplaint = new URLSearchParams(location.hash.slice(1)).get('complaint');
async function openPending() {
  const id = pendingComplaint;
  pendingComplaint = null;
  if (id) await complaint.open(id, { focus: true });
}
function openFromOutside(id) {
  pendingComplaint = id;
  if (currentToken()) openPending().catch(() => undefined);
}

if (window.self !== window.top) {
  // Framed: most likely the Amazon Connect agent workspace. Its SDK is loaded only here.
  const status = $('#embedded-status');
  import('./connect-embed.ts')
    .then(({ startEmbedded }) =>
      startEmbedded({
        open: openFromOutside,
        report: (message) => {
          status.hidden = false;
          status.textContent = message;
        },
      }),
    )
    .catch((error) => {
      status.hidden = false;
      status.textContent = `상담 화면 연결 실패 · Could not connect to the agent workspace: ${error.message}`;
    });
}

if (currentToken()) {
  showWorkspace();
  await queue.refresh().catch(() => undefined);
  await openPending().catch(() => undefined);
} else {
  showSignIn();
}

// The 3-second refresh: only what changed is redrawn, and the focus stays where it was.
setInterval(() => {
  if (!currentToken() || $('#workspace').hidden) return;
  queue.refresh({ quiet: true }).catch(() => undefined);
  complaint.refresh().catch(() => undefined);
}, REFRESH_MS);
