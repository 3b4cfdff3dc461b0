// Every word the app shows: Korean first, English second.

export const CHANNELS = { sms: 'SMS', chat: '채팅 · chat', x: 'X', voice: '전화 · voice' };
export const STATUSES = { received: '접수 · received', in_progress: '처리 중 · in progress', answered: '답변 완료 · answered', closed: '종결 · closed' };
export const LANGUAGES = { ko: '한국어 · Korean', en: 'English', zh: '中文 · Chinese', ja: '日本語 · Japanese', vi: 'Tiếng Việt · Vietnamese', mn: 'Монгол · Mongolian', und: '미상 · unknown' };
/** Languages a reply may be written in directly (the citizen's own). */
export const REPLY_LANGUAGES = ['en', 'zh', 'ja', 'vi', 'mn'];
/** The knowledge base's categories (대분류 of the 120 Dasan open data and the starter set). */
export const CATEGORIES = [
  '교통',
  '주차',
  '도로·시설물',
  '상수도',
  '청소·폐기물',
  '환경',
  '주택·건축',
  '복지',
  '보건·의료',
  '보육·교육',
  '세무',
  '민원서류',
  '외국인',
  '안전·재난',
  '문화·관광·체육',
  '경제·일자리',
  '동물',
  '행정',
];
/** Where a complaint can be transferred: Seoul's 25 district offices, then city departments. */
export const AGENCIES = [
  '종로구청', '중구청', '용산구청', '성동구청', '광진구청', '동대문구청', '중랑구청', '성북구청', '강북구청', '도봉구청', '노원구청', '은평구청', '서대문구청',
  '마포구청', '양천구청', '강서구청', '구로구청', '금천구청', '영등포구청', '동작구청', '관악구청', '서초구청', '강남구청', '송파구청', '강동구청',
  '서울특별시 교통정책과', '서울특별시 주차계획과', '서울특별시 물순환정책과', '서울특별시 자원순환과', '서울특별시 복지정책과', '서울특별시 외국인다문화담당관', '서울교통공사', '서울특별시 상수도사업본부',
];
export const PETITION_TYPES = {
  'inquiry-procedure': '질의민원(제도·절차) 7일 · procedure inquiry, 7 working days',
  'inquiry-law': '질의민원(법령 해석) 14일 · law inquiry, 14 working days',
  suggestion: '건의민원 14일 · suggestion, 14 working days',
  grievance: '고충민원 7일 · grievance, 7 working days',
  other: '기타민원 즉시 · other, 3 working hours',
  immediate: '즉시처리민원 · immediate, 3 working hours',
};
/** Where each status may go (functions/core/complaint-lifecycle.ts ALLOWED_TRANSITIONS). */
export const TRANSITIONS = { received: ['in_progress', 'answered', 'closed'], in_progress: ['answered', 'closed'], answered: ['in_progress', 'closed'], closed: ['in_progress'] };

export const TRANSLATION_STATUS = {
  not_needed: '번역 불필요 · Korean',
  pending: '번역 대기 · translation pending',
  done: '번역됨 · translated',
  unavailable: '번역 없음 · no translator',
  failed: '번역 실패 · translation failed',
};
// What the reply API says happened to a reply's language and delivery.
export const REPLY_TRANSLATION = {
  not_needed: '번역 불필요 · no translation needed',
  translated: '번역되어 발송 · machine-translated',
  written_in_language: "시민의 언어로 작성 · written in the citizen's language",
  korean_confirmed: '한국어로 발송 (상담사 확인) · sent in Korean (confirmed)',
  awaiting: '번역 대기 · held until a translation is available',
};
export const DELIVERY = {
  pending: '대기 · pending',
  awaiting_translation: '번역 대기 (미발송) · awaiting translation, not sent',
  queued: '발송 접수 (전달 보고 대기) · queued, awaiting the delivery report',
  sent: '발송됨 · sent',
  delivered: '수신 확인 · delivered',
  undelivered: '전달 실패 · undelivered',
  delivered_otherwise: '다른 방법으로 전달 · delivered another way',
  opted_out: '수신 거부 (STOP) · opted out of SMS',
  failed: '실패 · failed',
  undeliverable: '발송 불가 · undeliverable',
};
export const CHARSET = {
  folded: '수신 휴대폰 문자 제약으로 성조·특수 글자 없이 발송 · sent without diacritics (the handset cannot show them)',
  korean: "시민 언어를 휴대폰이 표시할 수 없어 한국어 원문으로 발송 · sent in Korean: the handset cannot show the citizen's language",
  stripped: '표시할 수 없는 글자 제외 후 발송 · characters the handset cannot show were removed',
};
export const RECEIPTS = { queued: '대기 queued', sent: '통신사 전달 sent', delivered: '수신 delivered', undelivered: '미수신 undelivered', failed: '실패 failed' };
/** Deliveries a counselor can act on: send again, or record that the citizen was reached another way. */
export const UNDELIVERED = ['undelivered', 'opted_out', 'failed', 'undeliverable'];

export const label = (table, key) => table[key] ?? key ?? '';
