import { describe, expect, it } from 'vitest';
import { selfServiceRefFromText, selfServiceTag } from '../../../functions/core/self-service/contact-tag.ts';

describe('self-service tag in an SMS body', () => {
  it('reads the case id back from a tag at the end of the text', () => {
    expect(selfServiceRefFromText(`불법 주정차 신고는 어떻게 하나요?\n${selfServiceTag('120-1234')}`)).toEqual({ caseId: '120-1234' });
    expect(selfServiceRefFromText(`How do I report parking? ${selfServiceTag('kb:park.1')}  \n`)).toEqual({ caseId: 'kb:park.1' });
  });

  it('ignores a tag that is not at the end or names no valid case id', () => {
    expect(selfServiceRefFromText('[Q#120-1234] 주차 문의입니다')).toBeNull();
    expect(selfServiceRefFromText('주차 문의 [Q#-bad]')).toBeNull();
    expect(selfServiceRefFromText('주차 문의')).toBeNull();
  });
});
