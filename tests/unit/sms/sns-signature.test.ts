import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createSnsMessageVerifier,
  isTrustedSigningCertUrl,
  snsStringToSign,
  snsTimestampProblem,
  type CertificateFetcher,
} from '../../../functions/channels/sms/sns-signature.ts';
import type { SnsHttpMessage } from '../../../schemas/sns-message.ts';
import { loadFixture } from '../../support/fixtures.ts';

// Test-only keys, see tests/fixtures/sns/README.md.
const snsDir = new URL('../../fixtures/sns/', import.meta.url);
const KEY = readFileSync(new URL('test-signing-key.pem', snsDir), 'utf8');
const CERT = readFileSync(new URL('test-signing-cert.pem', snsDir), 'utf8');
const OTHER_KEY = readFileSync(new URL('other-signing-key.pem', snsDir), 'utf8');

const TOPIC = 'arn:aws:sns:ap-northeast-2:123456789012:citizen-gateway-sms-inbound';
const CERT_URL = 'https://sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem';

/** Serves the test certificate for any URL and counts downloads. */
function fakeFetcher(pem = CERT): CertificateFetcher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetchPem(url) {
      calls.push(url);
      return Promise.resolve(pem);
    },
  };
}

function sign(message: SnsHttpMessage, key = KEY): SnsHttpMessage {
  const algorithm = message.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256';
  const signature = createSign(algorithm).update(snsStringToSign(message), 'utf8').sign(key, 'base64');
  return { ...message, Signature: signature };
}

function notification(overrides: Partial<Record<string, string>> = {}): SnsHttpMessage {
  const base = loadFixture<SnsHttpMessage>('aws-eum', 'sns-https-notification');
  // Stamped now: the verifier refuses messages SNS published more than an hour ago.
  return { ...base, SigningCertURL: CERT_URL, TopicArn: TOPIC, Timestamp: new Date().toISOString(), ...overrides } as SnsHttpMessage;
}

function confirmation(type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation'): SnsHttpMessage {
  return {
    Type: type,
    MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
    Token: '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736',
    TopicArn: TOPIC,
    Message: `You have chosen to subscribe to the topic ${TOPIC}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: `https://sns.ap-northeast-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=2336412f37`,
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    Signature: 'placeholder',
    SigningCertURL: CERT_URL,
  } as SnsHttpMessage;
}

const verifierWith = (fetcher: CertificateFetcher, now?: () => Date) =>
  createSnsMessageVerifier({ expectedTopicArn: TOPIC, fetcher, ...(now ? { now } : {}) });

describe('SNS string to sign', () => {
  it('lists the notification fields in the documented order, Subject only when present', () => {
    const message = notification();
    expect(snsStringToSign(message)).toBe(
      `Message\n${message.Message}\nMessageId\n${message.MessageId}\nTimestamp\n${message.Timestamp}\nTopicArn\n${TOPIC}\nType\nNotification\n`,
    );
    expect(snsStringToSign(notification({ Subject: 'Hi' }))).toContain(`MessageId\n${message.MessageId}\nSubject\nHi\nTimestamp\n`);
  });

  it('lists SubscribeURL and Token for a subscription confirmation', () => {
    const message = confirmation('SubscriptionConfirmation');
    if (message.Type !== 'SubscriptionConfirmation') throw new Error('fixture type');
    expect(snsStringToSign(message)).toBe(
      `Message\n${message.Message}\nMessageId\n${message.MessageId}\nSubscribeURL\n${message.SubscribeURL}\n` +
        `Timestamp\n${message.Timestamp}\nToken\n${message.Token}\nTopicArn\n${TOPIC}\nType\nSubscriptionConfirmation\n`,
    );
  });
});

describe('SigningCertURL host check', () => {
  it.each([
    'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem',
    'https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem',
  ])('trusts %s', (url) => expect(isTrustedSigningCertUrl(url)).toBe(true));

  it.each([
    'http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem',
    'https://sns.us-east-1.amazonaws.com.evil.example/cert.pem',
    'https://evil.example/sns.us-east-1.amazonaws.com/cert.pem',
    'https://sns.us-east-1.amazonaws.com/cert.txt',
    'https://s3.amazonaws.com/bucket/cert.pem',
    'https://sns.us-east-1.amazonaws.com:8443/cert.pem',
    'https://user@sns.us-east-1.amazonaws.com/cert.pem',
    'https://xsns.us-east-1.amazonaws.com/cert.pem',
    'not a url',
  ])('does not trust %s', (url) => expect(isTrustedSigningCertUrl(url)).toBe(false));
});

describe('SNS message verification', () => {
  for (const version of ['1', '2'] as const) {
    it(`accepts a notification signed with SignatureVersion ${version}`, async () => {
      const message = sign(notification({ SignatureVersion: version }));
      const result = await verifierWith(fakeFetcher()).verify(message);
      expect(result).toEqual({ ok: true, message });
    });
  }

  it('accepts a notification with a Subject and a subscription/unsubscribe confirmation', async () => {
    const verifier = verifierWith(fakeFetcher());
    for (const message of [notification({ Subject: '민원' }), confirmation('SubscriptionConfirmation'), confirmation('UnsubscribeConfirmation')]) {
      expect((await verifier.verify(sign(message))).ok, message.Type).toBe(true);
    }
  });

  it('refuses a notification whose Message was altered after signing', async () => {
    const signed = sign(notification());
    const tampered = { ...signed, Message: signed.Message.replace('EXAMPLE', 'EXAMPLE2') };
    expect(await verifierWith(fakeFetcher()).verify(tampered)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a notification whose Subject was added after signing', async () => {
    const signed = sign(notification());
    expect(await verifierWith(fakeFetcher()).verify({ ...signed, Subject: 'x' })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a SignatureVersion 1 signature presented as version 2', async () => {
    const signed = sign(notification({ SignatureVersion: '1' }));
    expect(await verifierWith(fakeFetcher()).verify({ ...signed, SignatureVersion: '2' })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a message signed with a key that is not the certificate\'s', async () => {
    const message = sign(notification(), OTHER_KEY);
    expect(await verifierWith(fakeFetcher()).verify(message)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a correctly signed message from another topic without fetching anything', async () => {
    const fetcher = fakeFetcher();
    const message = sign(notification({ TopicArn: 'arn:aws:sns:ap-northeast-2:999999999999:someone-else' }));
    expect(await verifierWith(fetcher).verify(message)).toMatchObject({ ok: false, reason: 'topic-mismatch' });
    expect(fetcher.calls).toEqual([]);
  });

  it('refuses a certificate URL off the SNS host without fetching it', async () => {
    const fetcher = fakeFetcher();
    const message = sign(notification({ SigningCertURL: 'https://attacker.example/SimpleNotificationService.pem' }));
    expect(await verifierWith(fetcher).verify(message)).toMatchObject({ ok: false, reason: 'untrusted-certificate-url' });
    expect(fetcher.calls).toEqual([]);
  });

  it('refuses an unknown SignatureVersion', async () => {
    const message = { ...sign(notification()), SignatureVersion: '3' };
    expect(await verifierWith(fakeFetcher()).verify(message)).toMatchObject({ ok: false, reason: 'unknown-signature-version' });
    const missing: Record<string, unknown> = { ...sign(notification()) };
    delete missing.SignatureVersion;
    expect(await verifierWith(fakeFetcher()).verify(missing)).toMatchObject({ ok: false, reason: 'unknown-signature-version' });
  });

  it('refuses a body that is not an SNS message', async () => {
    const verifier = verifierWith(fakeFetcher());
    expect(await verifier.verify(null)).toMatchObject({ ok: false, reason: 'invalid-message' });
    expect(await verifier.verify('text')).toMatchObject({ ok: false, reason: 'invalid-message' });
    const noId: Record<string, unknown> = { ...sign(notification()) };
    delete noId.MessageId;
    expect(await verifier.verify(noId)).toMatchObject({ ok: false, reason: 'invalid-message' });
  });

  it('downloads each certificate once and reuses it', async () => {
    const fetcher = fakeFetcher();
    const verifier = verifierWith(fetcher);
    for (let i = 0; i < 3; i += 1) expect((await verifier.verify(sign(notification({ MessageId: `m-${i}` })))).ok).toBe(true);
    expect(fetcher.calls).toEqual([CERT_URL]);
  });

  it('reports an unavailable certificate and tries again on the next delivery', async () => {
    let fail = true;
    const calls: string[] = [];
    const fetcher: CertificateFetcher = {
      fetchPem(url) {
        calls.push(url);
        return fail ? Promise.reject(new Error('certificate download answered HTTP 503')) : Promise.resolve(CERT);
      },
    };
    const verifier = verifierWith(fetcher);
    const message = sign(notification());
    expect(await verifier.verify(message)).toMatchObject({ ok: false, reason: 'certificate-unavailable', detail: /503/ });
    fail = false;
    expect((await verifier.verify(message)).ok).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('refuses a download that is not a certificate', async () => {
    const result = await verifierWith(fakeFetcher('-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n')).verify(sign(notification()));
    expect(result).toMatchObject({ ok: false, reason: 'certificate-unavailable' });
  });

  describe('freshness: SNS gives up retrying an HTTP/S delivery within 3,600 seconds', () => {
    const published = '2027-01-10T03:00:00.000Z';
    const at = (offsetMs: number) => () => new Date(Date.parse(published) + offsetMs);

    it.each([
      ['a moment after', 1_000],
      ['59 minutes after', 59 * 60_000],
      ['exactly an hour after', 60 * 60_000],
    ])('accepts a message verified %s it was published', async (_label, offset) => {
      const result = await verifierWith(fakeFetcher(), at(offset)).verify(sign(notification({ Timestamp: published })));
      expect(result.ok).toBe(true);
    });

    it.each([
      ['a notification', () => notification({ Timestamp: published })],
      ['a subscription confirmation', () => ({ ...confirmation('SubscriptionConfirmation'), Timestamp: published }) as SnsHttpMessage],
    ])('refuses %s published more than an hour ago (a replay), without fetching the certificate', async (_label, build) => {
      const fetcher = fakeFetcher();
      const result = await verifierWith(fetcher, at(60 * 60_000 + 1_000)).verify(sign(build()));
      expect(result).toMatchObject({ ok: false, reason: 'stale-message', detail: expect.stringMatching(/older than one hour/) });
      expect(fetcher.calls).toEqual([]);
    });

    it('refuses a message stamped far in the future', async () => {
      const result = await verifierWith(fakeFetcher(), at(-2 * 60 * 60_000)).verify(sign(notification({ Timestamp: published })));
      expect(result).toMatchObject({ ok: false, reason: 'stale-message' });
    });
  });

  it('refuses a certificate outside its validity period', async () => {
    const result = await verifierWith(fakeFetcher(), () => new Date('2300-01-01T00:00:00Z')).verify(sign(notification({ Timestamp: '2300-01-01T00:00:00.000Z' })));
    expect(result).toMatchObject({ ok: false, reason: 'certificate-unavailable', detail: /validity/ });
  });
});

describe('SNS verification: each refusal and its reason', () => {
  const urlOf = (name: string) => `https://sns.ap-northeast-2.amazonaws.com/${name}.pem`;

  it('says what is wrong with the body, field by field', async () => {
    const verifier = verifierWith(fakeFetcher());
    expect(await verifier.verify(null)).toEqual({ ok: false, reason: 'invalid-message', detail: 'body is not a JSON object' });
    const broken: Record<string, unknown> = { ...sign(notification()), MessageId: '' };
    delete broken.Signature;
    const result = await verifier.verify(broken);
    expect(result).toMatchObject({ ok: false, reason: 'invalid-message' });
    const detail = result.ok ? '' : result.detail;
    expect(detail.split('; ').map((part) => part.split(': ')[0])).toEqual(['MessageId', 'Signature']);
  });

  it('takes SignatureVersion only as the text 1 or 2', async () => {
    const verifier = verifierWith(fakeFetcher());
    expect(await verifier.verify({ ...sign(notification()), SignatureVersion: 2 })).toEqual({ ok: false, reason: 'unknown-signature-version', detail: 'SignatureVersion 2 is not 1 or 2' });
    expect(await verifier.verify({ ...sign(notification()), SignatureVersion: '3' })).toEqual({ ok: false, reason: 'unknown-signature-version', detail: 'SignatureVersion "3" is not 1 or 2' });
  });

  it('names the topic and certificate URL refusals', async () => {
    const verifier = verifierWith(fakeFetcher());
    expect(await verifier.verify(sign(notification({ TopicArn: `${TOPIC}-other` })))).toEqual({ ok: false, reason: 'topic-mismatch', detail: 'TopicArn is not the expected topic' });
    const refusal = { ok: false, reason: 'untrusted-certificate-url', detail: 'SigningCertURL is not an https .pem URL on sns.<region>.amazonaws.com' };
    expect(await verifier.verify(sign(notification({ SigningCertURL: 'https://evil.example.org/cert.pem' })))).toEqual(refusal);
    // Not text, even if it reads as a trusted URL.
    expect(await verifier.verify({ ...sign(notification()), SigningCertURL: [CERT_URL] })).toEqual(refusal);
  });

  it('refuses a certificate URL with a password, even without a user name', () => {
    expect(isTrustedSigningCertUrl('https://:secret@sns.ap-northeast-2.amazonaws.com/cert.pem')).toBe(false);
    expect(isTrustedSigningCertUrl('https://user@sns.ap-northeast-2.amazonaws.com/cert.pem')).toBe(false);
  });

  it('says when the signature does not match', async () => {
    expect(await verifierWith(fakeFetcher()).verify(sign(notification(), OTHER_KEY))).toEqual({ ok: false, reason: 'bad-signature', detail: 'signature does not match the message' });
  });

  it('reports a download that failed without an Error', async () => {
    const fetcher: CertificateFetcher = { fetchPem: () => Promise.reject('socket hang up') };
    expect(await verifierWith(fetcher).verify(sign(notification()))).toEqual({ ok: false, reason: 'certificate-unavailable', detail: 'certificate could not be loaded' });
  });

  it('trusts the certificate from the first to the last instant of its validity, not a millisecond outside', async () => {
    // tests/fixtures/sns/test-signing-cert.pem: notBefore Nov 29 02:50:42 2026 GMT, notAfter Nov 5 02:50:42 2126 GMT.
    const check = (iso: string, shiftMs: number) => {
      const at = new Date(Date.parse(iso) + shiftMs);
      return verifierWith(fakeFetcher(), () => at).verify(sign(notification({ Timestamp: at.toISOString() })));
    };
    expect((await check('2026-11-29T02:50:42.000Z', 0)).ok).toBe(true);
    expect((await check('2126-11-05T02:50:42.000Z', 0)).ok).toBe(true);
    const outside = { ok: false, reason: 'certificate-unavailable', detail: 'signing certificate is outside its validity period' };
    expect(await check('2026-11-29T02:50:42.000Z', -1)).toEqual(outside);
    expect(await check('2126-11-05T02:50:42.000Z', 1)).toEqual(outside);
  });

  it('keeps at most cacheSize certificates, dropping the oldest', async () => {
    const fetcher = fakeFetcher();
    const verifier = createSnsMessageVerifier({ expectedTopicArn: TOPIC, fetcher, cacheSize: 2 });
    for (const name of ['a', 'b', 'c', 'b', 'a']) expect((await verifier.verify(sign(notification({ SigningCertURL: urlOf(name) })))).ok).toBe(true);
    expect(fetcher.calls).toEqual([urlOf('a'), urlOf('b'), urlOf('c'), urlOf('a')]);
  });
});

describe('SNS Timestamp window', () => {
  const now = new Date('2027-01-10T03:00:00.000Z');
  const shifted = (ms: number) => new Date(now.getTime() + ms).toISOString();

  it('says a Timestamp that is not a date is not one', () => {
    expect(snsTimestampProblem('yesterday', now)).toBe('Timestamp is not a date');
  });

  it('tolerates exactly 15 minutes of clock skew into the future, not a millisecond more', () => {
    expect(snsTimestampProblem(shifted(15 * 60_000), now)).toBeNull();
    expect(snsTimestampProblem(shifted(15 * 60_000 + 1), now)).toBe('Timestamp is more than 15 minutes in the future');
  });
});

describe('End User Messaging HTTPS endpoint and a replayed SNS message', () => {
  it('answers 403 and enqueues nothing for a correctly signed notification published more than an hour ago', async () => {
    const { createEumHttpsHandler } = await import('../../../functions/handlers/sms-eum-https.ts');
    const { RecordingIntakeQueue } = await import('../../support/in-memory-ports.ts');
    const intake = new RecordingIntakeQueue();
    const published = '2027-01-10T03:00:00.000Z';
    const now = () => new Date(Date.parse(published) + 2 * 60 * 60_000);
    const handler = createEumHttpsHandler(async () => ({
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      clock: { now },
      intake,
      verifier: verifierWith(fakeFetcher(), now),
      confirmSubscription: async () => undefined,
    }));
    const event = (message: SnsHttpMessage) =>
      ({ body: JSON.stringify(message), isBase64Encoded: false, headers: {}, requestContext: {} }) as unknown as Parameters<typeof handler>[0];
    const replayed = await handler(event(sign(notification({ Timestamp: published }))), {} as never);
    expect(replayed.statusCode).toBe(403);
    expect(replayed.body).toMatch(/older than one hour/);
    const fresh = await handler(event(sign(notification({ Timestamp: now().toISOString() }))), {} as never);
    expect(fresh.statusCode).toBe(200);
    expect(intake.sent).toHaveLength(1);
  });
});
