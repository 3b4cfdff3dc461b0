// Staff sign-in for the counselor console: Cognito's InitiateAuth (USER_PASSWORD_AUTH) against the
// pool the gateway names (cognito-local locally, Cognito in AWS), answering the TOTP MFA challenge
// when the pool sends one. The id token lives in sessionStorage only (gone with the tab).
const TOKEN_KEY = 'staff-id-token';

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
}

/** Signs in; `askCode` is called when the pool asks for a TOTP code (MFA). */
export async function signIn(config, username, password, askCode) {
  let result = await cognito(config, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  if (result.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
    const code = await askCode();
    result = await cognito(config, 'RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: config.clientId,
      Session: result.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
    });
  }
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`sign-in needs ${result.ChallengeName ?? 'another step'}, which this console does not handle`);
  sessionStorage.setItem(TOKEN_KEY, token);
  return token;
}
