import { describe, expect, it } from 'vitest';
import { emptyTwiml, escapeXml, receiptText, receiptTwiml } from '../../../functions/channels/sms/twiml.ts';

/** The text inside <Message>, unescaped, as Twilio would send it. */
function messageOf(twiml: string): string {
  const match = /<Response><Message>([\s\S]*)<\/Message><\/Response>$/.exec(twiml);
  if (!match?.[1]) throw new Error(`no <Message> in ${twiml}`);
  return match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

describe('receipt TwiML', () => {
  it('tells the citizen the receipt number in Korean and English', () => {
    const twiml = receiptTwiml({ receiptNo: '20250314-000123', joinedExisting: false });
    expect(twiml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response><Message>')).toBe(true);
    expect(messageOf(twiml)).toBe('[서울시 120] 민원이 접수되었습니다. 접수번호 20250314-000123\nReceived, receipt no. 20250314-000123.');
  });

  it('says the message joined the open complaint when it did', () => {
    const text = messageOf(receiptTwiml({ receiptNo: 'R-7', joinedExisting: true }));
    expect(text).toContain('진행 중인 민원(접수번호 R-7)에 추가되었습니다');
    expect(text).toContain('Added to your open case, receipt no. R-7.');
  });

  it("uses the citizen's language for the second line when it is known", () => {
    expect(receiptText({ receiptNo: 'R-1', joinedExisting: false, language: 'ja' })).toContain('受付番号 R-1');
    expect(receiptText({ receiptNo: 'R-1', joinedExisting: false, language: 'vi' })).toContain('số biên nhận R-1');
    expect(receiptText({ receiptNo: 'R-1', joinedExisting: false, language: 'zh' })).toContain('受理编号 R-1');
    expect(receiptText({ receiptNo: 'R-1', joinedExisting: false, language: 'mn' })).toContain('дугаар R-1');
  });

  it('never sends a Korean handset (EUC-KR only through Twilio) a line it would garble: Vietnamese without diacritics, Mongolian with о/у, otherwise English', () => {
    const line = (language: string) => receiptText({ receiptNo: '20260302-7K3QX-9ZB4M', joinedExisting: false, language, charset: 'euc-kr' }).split('\n');
    expect(line('vi')[1]).toBe('Da tiep nhan, so bien nhan 20260302-7K3QX-9ZB4M.');
    expect(line('mn')[1]).toBe('Хулээн авлаа. Буртгэлийн дугаар 20260302-7K3QX-9ZB4M.');
    expect(line('zh')[1]).toBe('Received, receipt no. 20260302-7K3QX-9ZB4M.');
    expect(line('vi')[0]).toBe('[서울시 120] 민원이 접수되었습니다. 접수번호 20260302-7K3QX-9ZB4M');
    // Elsewhere the citizen's own script is kept.
    expect(receiptText({ receiptNo: 'R-1', joinedExisting: false, language: 'vi', charset: 'unicode' })).toContain('số biên nhận R-1');
  });

  it('falls back to English for Korean, unknown languages and prototype keys', () => {
    for (const language of ['ko', 'fr', 'constructor', '__proto__']) {
      expect(receiptText({ receiptNo: 'R-1', joinedExisting: false, language }).split('\n')[1], language).toBe('Received, receipt no. R-1.');
    }
  });

  it('escapes XML special characters so the receipt cannot break the document', () => {
    const twiml = receiptTwiml({ receiptNo: `</Message><Redirect>https://evil.example</Redirect>&"'`, joinedExisting: false });
    expect(twiml).not.toContain('<Redirect>');
    expect(twiml.match(/<Message>/g)).toHaveLength(1);
    expect(messageOf(twiml)).toContain(`</Message><Redirect>https://evil.example</Redirect>&"'`);
  });

  it('drops control characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });

  it('acknowledges without a reply when asked for empty TwiML', () => {
    expect(emptyTwiml()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});
