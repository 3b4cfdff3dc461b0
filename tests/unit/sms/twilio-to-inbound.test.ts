import { describe, expect, it } from 'vitest';
import { InboundMessageSchema } from '../../../schemas/inbound-message.ts';
import { TwilioSmsWebhookSchema } from '../../../schemas/twilio-sms.ts';
import { twilioMedia, twilioToInbound } from '../../../functions/channels/sms/twilio-to-inbound.ts';
import { loadFixture } from '../../support/fixtures.ts';

const receivedAt = new Date('2025-03-14T01:23:45.678Z');
const fixture = (name: string) => loadFixture<Record<string, string>>('twilio', name);

describe('Twilio webhook schema', () => {
  it('accepts every Twilio fixture and keeps the parameters it does not know', () => {
    for (const name of ['sms', 'mms-two-images', 'mms-unsupported-media', 'korean-emoji', 'mms-image-only']) {
      const parsed = TwilioSmsWebhookSchema.safeParse(fixture(name));
      expect(parsed.success, name).toBe(true);
      if (parsed.success) expect(parsed.data.ApiVersion, name).toBe('2010-04-01');
    }
  });

  it('refuses NumMedia that announces more media than was sent', () => {
    const params = { ...fixture('mms-two-images'), NumMedia: '3' };
    const parsed = TwilioSmsWebhookSchema.safeParse(params);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('MediaUrl2');
  });

  it('refuses media items beyond NumMedia', () => {
    const parsed = TwilioSmsWebhookSchema.safeParse({ ...fixture('mms-two-images'), NumMedia: '1' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/NumMedia is 1 but media item 1 is present/);
  });

  it('refuses a media URL without its content type', () => {
    const { MediaContentType1: _dropped, ...params } = fixture('mms-two-images');
    expect(TwilioSmsWebhookSchema.safeParse(params).success).toBe(false);
  });

  it('refuses NumMedia over ten or not a number', () => {
    expect(TwilioSmsWebhookSchema.safeParse({ ...fixture('sms'), NumMedia: '11' }).success).toBe(false);
    expect(TwilioSmsWebhookSchema.safeParse({ ...fixture('sms'), NumMedia: 'two' }).success).toBe(false);
  });

  it('accepts an empty Body when media is present but not on a plain SMS', () => {
    expect(TwilioSmsWebhookSchema.safeParse(fixture('mms-image-only')).success).toBe(true);
    const parsed = TwilioSmsWebhookSchema.safeParse({ ...fixture('sms'), Body: '' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['Body']);
  });

  it('refuses a payload without MessageSid, From or To, or with a malformed SID', () => {
    for (const field of ['MessageSid', 'From', 'To', 'AccountSid']) {
      const params: Record<string, string> = { ...fixture('sms') };
      delete params[field];
      expect(TwilioSmsWebhookSchema.safeParse(params).success, field).toBe(false);
    }
    expect(TwilioSmsWebhookSchema.safeParse({ ...fixture('sms'), MessageSid: 'SM123' }).success).toBe(false);
  });

  it('refuses a media URL that is not http(s)', () => {
    const params = { ...fixture('mms-unsupported-media'), MediaUrl0: 'file:///etc/passwd' };
    expect(TwilioSmsWebhookSchema.safeParse(params).success).toBe(false);
  });
});

describe('twilioToInbound', () => {
  it('maps an SMS onto the canonical message', () => {
    const inbound = twilioToInbound(TwilioSmsWebhookSchema.parse(fixture('sms')), receivedAt);
    expect(inbound).toEqual({
      channel: 'sms',
      provider: 'twilio',
      providerMessageId: 'SM0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      citizenHandle: '+821055550123',
      citizenHandleKind: 'phone',
      recipient: '+8215990120',
      text: 'Hello, the streetlight in front of 110 Sejong-daero has been out for three days.',
      media: [],
      receivedAt: '2025-03-14T01:23:45.678Z',
    });
    expect(InboundMessageSchema.safeParse(inbound).success).toBe(true);
  });

  it('lists both images of an MMS in order with their announced types', () => {
    const params = TwilioSmsWebhookSchema.parse(fixture('mms-two-images'));
    const inbound = twilioToInbound(params, receivedAt);
    expect(inbound.providerMessageId).toBe('MM1a2b3c4d5e6f708192a3b4c5d6e7f809');
    expect(inbound.media).toEqual([
      { url: params.MediaUrl0, contentType: 'image/jpeg' },
      { url: params.MediaUrl1, contentType: 'image/png' },
    ]);
    expect(InboundMessageSchema.safeParse(inbound).success).toBe(true);
  });

  it('passes an unsupported media type through for the pipeline to refuse, keeping the text', () => {
    const inbound = twilioToInbound(TwilioSmsWebhookSchema.parse(fixture('mms-unsupported-media')), receivedAt);
    expect(inbound.media).toEqual([{ url: expect.stringContaining('/Media/ME') as string, contentType: 'video/mp4' }]);
    expect(inbound.text).toBe('영상도 같이 보내요');
  });

  it('preserves Hangul, emoji, ZWJ sequences and newlines byte for byte', () => {
    const raw = fixture('korean-emoji');
    const inbound = twilioToInbound(TwilioSmsWebhookSchema.parse(raw), receivedAt);
    expect(Buffer.from(inbound.text, 'utf8').equals(Buffer.from(raw.Body ?? '', 'utf8'))).toBe(true);
    expect(inbound.text).toContain('👨‍👩‍👧');
    expect(inbound.text).toContain('\n');
  });

  it('keeps an image-only MMS with empty text', () => {
    const inbound = twilioToInbound(TwilioSmsWebhookSchema.parse(fixture('mms-image-only')), receivedAt);
    expect(inbound.text).toBe('');
    expect(twilioMedia(TwilioSmsWebhookSchema.parse(fixture('mms-image-only')))).toHaveLength(1);
  });

  it('keeps text longer than the 1,000-character promise whole', () => {
    const long = '가'.repeat(1500);
    const inbound = twilioToInbound(TwilioSmsWebhookSchema.parse({ ...fixture('sms'), Body: long }), receivedAt);
    expect(inbound.text).toBe(long);
  });
});

describe('Twilio keywords', () => {
  const sms = (overrides: Record<string, string>) => TwilioSmsWebhookSchema.parse({ ...fixture('sms'), ...overrides });

  it('reports the Advanced Opt-Out OptOutType Twilio sends with a keyword', () => {
    expect(twilioToInbound(sms({ Body: 'Stop', OptOutType: 'STOP' }), receivedAt).providerKeyword).toBe('STOP');
    expect(twilioToInbound(sms({ Body: '수신거부', OptOutType: 'STOP' }), receivedAt).providerKeyword).toBe('STOP');
  });

  it.each(['stop', ' STOP ', 'Unsubscribe', 'help', 'INFO', 'start', 'yes'])('reports %j, a keyword Twilio always handles on long codes', (body) => {
    expect(twilioToInbound(sms({ Body: body }), receivedAt).providerKeyword).toBe(body.trim().toUpperCase());
  });

  it.each(['stop please', '수신거부', 'help me with the bus stop'])('reports nothing for %j (Twilio matches single words of its own only)', (body) => {
    expect(twilioToInbound(sms({ Body: body }), receivedAt)).not.toHaveProperty('providerKeyword');
  });
});
