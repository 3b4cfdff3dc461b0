import { describe, expect, it } from 'vitest';
import { InboundMessageSchema } from '../../../schemas/inbound-message.ts';
import { EumInboundSmsSchema, parseEumInboundSms, type EumInboundSms } from '../../../schemas/aws-eum-sms.ts';
import { SnsHttpMessageSchema, SnsLambdaEventSchema } from '../../../schemas/sns-message.ts';
import { eumToInbound, inboundFromEumSns, receivedAtFromSns } from '../../../functions/channels/sms/eum-to-inbound.ts';
import { loadFixture } from '../../support/fixtures.ts';

const now = new Date('2025-03-14T09:00:00.000Z');

describe('End User Messaging two-way SMS schema', () => {
  it("accepts the payload exactly as the user guide documents it", () => {
    const parsed = EumInboundSmsSchema.safeParse(loadFixture('aws-eum', 'two-way-message'));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.inboundMessageId).toBe('cae173d2-66b9-564c-8309-21f858e9fb84');
  });

  it('accepts a message without keyword or previous message id', () => {
    const message = loadFixture<Record<string, string>>('aws-eum', 'two-way-message');
    delete message.messageKeyword;
    delete message.previousPublishedMessageId;
    expect(EumInboundSmsSchema.safeParse(message).success).toBe(true);
  });

  it('refuses a message without inboundMessageId or originationNumber', () => {
    for (const field of ['inboundMessageId', 'originationNumber', 'destinationNumber', 'messageBody']) {
      const message = loadFixture<Record<string, string>>('aws-eum', 'two-way-message');
      delete message[field];
      expect(EumInboundSmsSchema.safeParse(message).success, field).toBe(false);
    }
  });

  it('explains why an SNS Message is not a two-way message', () => {
    expect(parseEumInboundSms('not json')).toEqual({ ok: false, reason: 'SNS Message is not JSON' });
    const missing = parseEumInboundSms('{"originationNumber":"+14255550182"}');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toMatch(/inboundMessageId/);
  });
});

describe('SNS envelopes', () => {
  it('accepts the Lambda event fixture and its Sns record', () => {
    const parsed = SnsLambdaEventSchema.safeParse(loadFixture('aws-eum', 'sns-lambda-event'));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.Records[0]?.Sns.SigningCertUrl).toMatch(/^https:\/\/sns\./);
  });

  it('accepts the HTTPS notification fixture as a Notification', () => {
    const parsed = SnsHttpMessageSchema.safeParse(loadFixture('aws-eum', 'sns-https-notification'));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.Type).toBe('Notification');
  });

  it('requires SubscribeURL and Token on a SubscriptionConfirmation', () => {
    const notification = loadFixture<Record<string, string>>('aws-eum', 'sns-https-notification');
    const confirmation = { ...notification, Type: 'SubscriptionConfirmation' };
    expect(SnsHttpMessageSchema.safeParse(confirmation).success).toBe(false);
    const complete = { ...confirmation, SubscribeURL: 'https://sns.ap-northeast-2.amazonaws.com/?Action=ConfirmSubscription&Token=abc', Token: 'abc' };
    expect(SnsHttpMessageSchema.safeParse(complete).success).toBe(true);
  });

  it('refuses an unknown Type or SignatureVersion', () => {
    const notification = loadFixture<Record<string, string>>('aws-eum', 'sns-https-notification');
    expect(SnsHttpMessageSchema.safeParse({ ...notification, Type: 'Surprise' }).success).toBe(false);
    expect(SnsHttpMessageSchema.safeParse({ ...notification, SignatureVersion: '3' }).success).toBe(false);
  });
});

describe('eumToInbound', () => {
  it('maps the documented two-way message onto the canonical message', () => {
    const message = EumInboundSmsSchema.parse(loadFixture('aws-eum', 'two-way-message'));
    const inbound = eumToInbound(message, new Date('2025-03-14T01:23:45.678Z'));
    expect(inbound).toEqual({
      channel: 'sms',
      provider: 'aws-eum',
      providerMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
      citizenHandle: '+14255550182',
      citizenHandleKind: 'phone',
      recipient: '+12125550101',
      text: 'EXAMPLE',
      media: [],
      // The registered keyword the message matched, as the user guide's example reports it.
      providerKeyword: 'JOIN',
      conversationRef: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      receivedAt: '2025-03-14T01:23:45.678Z',
    });
    expect(InboundMessageSchema.safeParse(inbound).success).toBe(true);
  });

  it.each(['KEYWORD_123456789012', 'keyword_305244661193', '  ', undefined])(
    'reports no keyword for the account default messageKeyword %j (the message matched no registered keyword)',
    (messageKeyword) => {
      const base = EumInboundSmsSchema.parse(loadFixture('aws-eum', 'two-way-message-korean'));
      const message = { ...base, ...(messageKeyword === undefined ? { messageKeyword: undefined } : { messageKeyword }) };
      expect(eumToInbound(message, now)).not.toHaveProperty('providerKeyword');
    },
  );

  it('reports the registered keyword the message matched', () => {
    const base = EumInboundSmsSchema.parse(loadFixture('aws-eum', 'two-way-message-korean'));
    expect(eumToInbound({ ...base, messageKeyword: 'STOP', messageBody: 'stop' }, now).providerKeyword).toBe('STOP');
  });

  it('leaves conversationRef out when the citizen is not answering one of ours', () => {
    const message = EumInboundSmsSchema.parse(loadFixture('aws-eum', 'two-way-message-korean'));
    expect(eumToInbound(message, now)).not.toHaveProperty('conversationRef');
  });

  it('takes the received time from the SNS Timestamp of a Lambda record, Hangul and emoji intact', () => {
    const event = SnsLambdaEventSchema.parse(loadFixture('aws-eum', 'sns-lambda-event'));
    const sns = event.Records[0]!.Sns;
    const mapped = inboundFromEumSns(sns, now);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    const original = JSON.parse(sns.Message) as EumInboundSms;
    expect(mapped.inbound.receivedAt).toBe('2025-03-14T01:23:45.678Z');
    expect(mapped.inbound.providerMessageId).toBe(original.inboundMessageId);
    expect(Buffer.from(mapped.inbound.text).equals(Buffer.from(original.messageBody))).toBe(true);
    expect(mapped.inbound.text).toContain('🙏');
  });

  it('maps the Message of an HTTPS notification the same way', () => {
    const notification = SnsHttpMessageSchema.parse(loadFixture('aws-eum', 'sns-https-notification'));
    const mapped = inboundFromEumSns(notification, now);
    expect(mapped.ok && mapped.inbound.providerMessageId).toBe('cae173d2-66b9-564c-8309-21f858e9fb84');
  });

  it('falls back to the edge clock when SNS gave no usable Timestamp', () => {
    expect(receivedAtFromSns(undefined, now)).toBe(now);
    expect(receivedAtFromSns('yesterday', now)).toBe(now);
    expect(receivedAtFromSns('2025-01-02T03:04:05.000Z', now).toISOString()).toBe('2025-01-02T03:04:05.000Z');
  });

  it('reports a reason instead of throwing when the SNS Message is not a two-way message', () => {
    const mapped = inboundFromEumSns({ Message: '{"hello":"world"}', Timestamp: '2025-01-01T00:00:00Z' }, now);
    expect(mapped.ok).toBe(false);
  });
});
