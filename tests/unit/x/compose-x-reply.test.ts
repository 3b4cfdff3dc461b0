import { describe, expect, it } from 'vitest';
import { composeXReply } from '../../../functions/core/x/compose-x-reply.ts';
import { findPersonalData } from '../../../functions/core/x/personal-data.ts';
import { privateChannelInvitation } from '../../../functions/core/x/private-channel-invitation.ts';

const options = { privateChannels: { sms: '120', chatUrl: 'https://120.seoul.go.kr/chat' }, allowedPublicContacts: ['02-2133-0120', 'help@seoul.go.kr'] };

describe('public X reply composition', () => {
  it('posts a clean reply as a thread', () => {
    expect(composeXReply({ text: 'The bus stop light was repaired today.', language: 'en' }, options)).toEqual({
      kind: 'thread',
      parts: ['The bus stop light was repaired today.'],
    });
  });

  it.each([
    ['a mobile number', '담당자 번호는 010-1234-5678 입니다.', 'phone'],
    ['an international number', 'Call +82 10 1234 5678 please', 'phone'],
    ['a resident registration number', '주민번호 900101-1234567 확인했습니다', 'rrn'],
    ['an e-mail address', 'write to kim.minsu@example.com', 'email'],
  ])('refuses a reply containing %s and offers the private-channel invitation instead', (_label, text, kind) => {
    const composed = composeXReply({ text, language: 'ko' }, options);
    expect(composed.kind).toBe('refused');
    if (composed.kind !== 'refused') return;
    expect(composed.found).toContain(kind);
    expect(composed.reason).toBe('personal-data');
    expect(composed.invitation.join(' ')).toContain('문자 상담(120)');
    expect(composed.invitation.join(' ')).not.toContain(text);
  });

  it('does not treat the city’s own published contacts as personal data', () => {
    expect(findPersonalData('문의: 02-2133-0120, help@seoul.go.kr', options)).toEqual([]);
    expect(findPersonalData('문의: 02-2133-0121', options)).toEqual(['phone']);
    expect(findPersonalData('02 2133 0120 2025년 운영', options)).toEqual([]);
  });

  it.each(['ko', 'en', 'zh', 'ja', 'vi', 'mn'] as const)('writes the invitation in %s with both private channels', (language) => {
    const text = privateChannelInvitation(language, options.privateChannels);
    expect(text).toContain('120');
    expect(text).toContain('https://120.seoul.go.kr/chat');
    const composed = composeXReply({ text: 'e-mail me at a.b@c.com', language }, options);
    expect(composed.kind === 'refused' && composed.invitation.join('')).toContain('120');
  });

  it('invites in Korean when the language is unknown and leaves chat out when the city has none', () => {
    const text = privateChannelInvitation('und', { sms: '120' });
    expect(text).toMatch(/^개인정보/);
    expect(text).not.toContain('채팅');
  });
});
