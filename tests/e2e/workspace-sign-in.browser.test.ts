import { describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { browserAvailable, gatewayAndBrowser } from '../support/browser.ts';

interface CognitoCall {
  target: string;
  body: Record<string, unknown>;
}

/**
 * First sign-in as the AWS staff pool runs it (cognito-local has neither challenge): a temporary
 * password (NEW_PASSWORD_REQUIRED), then TOTP MFA required but not set up (MFA_SETUP:
 * AssociateSoftwareToken, VerifySoftwareToken, RespondToAuthChallenge). The page's calls to the
 * sign-in endpoint are answered in Cognito's JSON wire format; the tokens at the end are real ones
 * of the local pool, so the app then works against the real API.
 */
describe.runIf(browserAvailable)('first sign-in: new password and authenticator setup', () => {
  const { gateway, browser } = gatewayAndBrowser();

  it('asks for a new password, shows the TOTP secret as text and as an otpauth address, and signs in with the first code', async () => {
    const idToken = await gateway().tokenFor('counselor');
    const calls: CognitoCall[] = [];
    const answers: Record<string, (body: Record<string, unknown>) => unknown> = {
      InitiateAuth: () => ({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'session-1', ChallengeParameters: { USER_ID_FOR_SRP: 'a1b2c3d4-user', requiredAttributes: '[]' } }),
      RespondToAuthChallenge: (body) =>
        body.ChallengeName === 'NEW_PASSWORD_REQUIRED'
          ? { ChallengeName: 'MFA_SETUP', Session: 'session-2', ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'a1b2c3d4-user' } }
          : { AuthenticationResult: { IdToken: idToken, AccessToken: 'access', RefreshToken: 'refresh', ExpiresIn: 3600, TokenType: 'Bearer' }, ChallengeParameters: {} },
      AssociateSoftwareToken: () => ({ SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Session: 'session-3' }),
      VerifySoftwareToken: (body) => (body.UserCode === '123456' ? { Status: 'SUCCESS', Session: 'session-4' } : { Status: 'ERROR' }),
    };
    const page = await browser().newPage();
    const endpoint = new URL(gateway().staff.config.endpoint);
    await page.route((url) => url.origin === endpoint.origin, async (route: Route) => {
      const target = (await route.request().headerValue('x-amz-target'))?.split('.').pop() ?? '';
      const body = route.request().postDataJSON() as Record<string, unknown>;
      calls.push({ target, body });
      const answer = answers[target];
      if (!answer) return route.fulfill({ status: 400, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'InvalidParameterException', message: `no ${target}` }) });
      return route.fulfill({ status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(answer(body)) });
    });

    await page.goto(`${gateway().url}/`);
    await page.getByLabel(/User/).fill('counselor1@example.org');
    await page.getByLabel(/^비밀번호 · Password/).fill('Temporary-Passw0rd!');
    await page.getByLabel(/^비밀번호 · Password/).press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sign-in-new-password');
    await page.keyboard.type('Chosen-Passw0rd-2026!');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('#mfa-secret').innerText()).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(await page.locator('#mfa-uri').innerText()).toBe(
      'otpauth://totp/120%20Counselor%20Workspace:counselor1%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=120%20Counselor%20Workspace&algorithm=SHA1&digits=6&period=30',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-code');
    await page.keyboard.type('123456');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('#who').innerText()).toContain('counselor1@example.org (counselor)');
    expect(await page.locator('#mfa-setup').isHidden()).toBe(true);
    expect(calls.map((call) => call.target)).toEqual(['InitiateAuth', 'RespondToAuthChallenge', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'RespondToAuthChallenge']);
    expect(calls[1]?.body).toMatchObject({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'session-1', ChallengeResponses: { USERNAME: 'a1b2c3d4-user', NEW_PASSWORD: 'Chosen-Passw0rd-2026!' } });
    expect(calls[2]?.body).toEqual({ Session: 'session-2' });
    expect(calls[3]?.body).toMatchObject({ Session: 'session-3', UserCode: '123456' });
    expect(calls[4]?.body).toMatchObject({ ChallengeName: 'MFA_SETUP', Session: 'session-4', ChallengeResponses: { USERNAME: 'a1b2c3d4-user' } });
    // Signed in for real: the queue comes from the API with the pool's token.
    await expect.poll(() => page.locator('#queue-status').innerText()).toMatch(/Nothing matches|complaint/);
    await page.close();
  });
});
