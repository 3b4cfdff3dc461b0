// Staff sign-in for the counselor workspace app: Cognito's InitiateAuth (USER_PASSWORD_AUTH) against
// the pool the app is configured with (cognito-local locally, Cognito in AWS), then whatever
// challenges the pool sends: a new password on first sign-in (NEW_PASSWORD_REQUIRED), TOTP setup
// when MFA is required and none is set up yet (MFA_SETUP: AssociateSoftwareToken +
// VerifySoftwareToken), and the TOTP code itself (SOFTWARE_TOKEN_MFA). The id token lives in
// sessionStorage only (gone with the tab); the refresh token only in memory (gone on reload).
const TOKEN_KEY = 'staff-id-token';
const TOTP_ISSUER = '120 Counselor Workspace';
let refresh = null;

async function cognito(config, target, body) {
  const response = await fetch(config.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
    body: JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(payload.message ?? payload.__type ?? `HTTP ${response.status}`);
    error.code = String(payload.__type ?? '').split('#').pop();
    throw error;
  }
  return payload;
}

export async function authConfig() {
  // Deployed: the app ships config.json beside it; locally the gateway serves its cognito-local's.
  for (const path of ['config.json', '/local/auth/config']) {
    const response = await fetch(path).catch(() => null);
    if (response?.ok) return response.json();
  }
  throw new Error('no sign-in configuration');
}

export function claims(token) {
  try {
    const payload = token.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
    return JSON.parse(decodeURIComponent(escape(atob(payload))));
  } catch {
    return null;
  }
}

export function currentToken() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const payload = token ? claims(token) : null;
  if (!payload || payload.exp * 1000 < Date.now() + 30_000) return null;
  return token;
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  refresh = null;
}

/** The otpauth URI authenticator apps read (Key Uri Format): the issuer, the account, the secret. */
export function otpauthUri(secret, username, issuer = TOTP_ISSUER) {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(username)}`;
  return `otpauth://totp/${label}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

/**
 * Signs in. `ask` answers the pool's questions, each a promise of what the person types:
 * - ask.code(): the 6-digit TOTP code;
 * - ask.newPassword(): a new password (first sign-in with a temporary one);
 * - ask.setupCode({ secret, uri }): after showing the secret, the first code the app generates.
 */
export async function signIn(config, username, password, ask) {
  let result = await cognito(config, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  // Each challenge answered leads to the next one or to tokens; a pool asks at most these three.
  for (let step = 0; step < 4 && result.ChallengeName; step += 1) {
    const challenge = result.ChallengeName;
    // Cognito names the user in its own terms (the sub for e-mail aliases); answer with that name.
    const user = result.ChallengeParameters?.USER_ID_FOR_SRP ?? username;
    if (challenge === 'SOFTWARE_TOKEN_MFA') {
      result = await respond(config, result, challenge, { USERNAME: user, SOFTWARE_TOKEN_MFA_CODE: await ask.code() });
    } else if (challenge === 'NEW_PASSWORD_REQUIRED') {
      result = await respond(config, result, challenge, { USERNAME: user, NEW_PASSWORD: await ask.newPassword() });
    } else if (challenge === 'MFA_SETUP') {
      const association = await cognito(config, 'AssociateSoftwareToken', { Session: result.Session });
      const code = await ask.setupCode({ secret: association.SecretCode, uri: otpauthUri(association.SecretCode, username) });
      const verified = await cognito(config, 'VerifySoftwareToken', { Session: association.Session, UserCode: code, FriendlyDeviceName: 'counselor-workspace' });
      if (verified.Status !== 'SUCCESS') throw new Error('the authenticator code was not accepted');
      result = await respond(config, { Session: verified.Session }, challenge, { USERNAME: user });
    } else {
      break;
    }
  }
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`sign-in needs ${result.ChallengeName ?? 'another step'}, which this app does not handle`);
  sessionStorage.setItem(TOKEN_KEY, token);
  refresh = result.AuthenticationResult.RefreshToken ? { config, token: result.AuthenticationResult.RefreshToken } : null;
  return token;
}

function respond(config, previous, challenge, responses) {
  return cognito(config, 'RespondToAuthChallenge', { ChallengeName: challenge, ClientId: config.clientId, Session: previous.Session, ChallengeResponses: responses });
}

/** A valid id token: the current one, or a new one from the refresh token when it is about to expire. */
export async function freshToken() {
  const token = currentToken();
  if (token || !refresh) return token;
  try {
    const result = await cognito(refresh.config, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: refresh.config.clientId,
      AuthParameters: { REFRESH_TOKEN: refresh.token },
    });
    const next = result.AuthenticationResult?.IdToken;
    if (!next) return null;
    sessionStorage.setItem(TOKEN_KEY, next);
    return next;
  } catch {
    refresh = null;
    return null;
  }
}
