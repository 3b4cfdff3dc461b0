import type { ContactPreference, ReservationLanguage } from './model.ts';

export type TemplateKind = 'confirmed' | 'reminder' | 'cancelled' | 'intake';

export interface TemplateFacts {
  date: string;
  time: string;
  receiptNo: string;
  contactPreference: ContactPreference;
  note?: string;
}

type Catalog = Record<ReservationLanguage, { title: string; contact: Record<ContactPreference, string> } & Record<Exclude<TemplateKind, 'intake'>, (f: TemplateFacts) => string>>;

/**
 * Short texts that fit one or two SMS segments. The citizen chose the language at booking;
 * no translation service is involved, so a notice never waits on one.
 */
const CATALOG: Catalog = {
  ko: {
    title: '수어 영상상담 예약',
    contact: { chat: '채팅', sms: '문자', video: '영상통화' },
    confirmed: (f) => `[120 수어 영상상담] ${f.date} ${f.time} 예약이 확정되었습니다. 접수번호 ${f.receiptNo}`,
    reminder: (f) => `[120 수어 영상상담] ${f.date} ${f.time} 상담 예약을 알려드립니다. 접수번호 ${f.receiptNo}`,
    cancelled: (f) => `[120 수어 영상상담] ${f.date} ${f.time} 예약이 취소되었습니다. 접수번호 ${f.receiptNo}`,
  },
  en: {
    title: 'Sign-language video counselling reservation',
    contact: { chat: 'chat', sms: 'text message', video: 'video call' },
    confirmed: (f) => `[Seoul 120] Sign-language video counselling booked for ${f.date} ${f.time} (KST). Receipt ${f.receiptNo}`,
    reminder: (f) => `[Seoul 120] Reminder: sign-language video counselling on ${f.date} ${f.time} (KST). Receipt ${f.receiptNo}`,
    cancelled: (f) => `[Seoul 120] Your sign-language counselling on ${f.date} ${f.time} (KST) is cancelled. Receipt ${f.receiptNo}`,
  },
  zh: {
    title: '手语视频咨询预约',
    contact: { chat: '聊天', sms: '短信', video: '视频通话' },
    confirmed: (f) => `[首尔120] 手语视频咨询已预约：${f.date} ${f.time}（韩国时间）。受理号 ${f.receiptNo}`,
    reminder: (f) => `[首尔120] 提醒：手语视频咨询 ${f.date} ${f.time}（韩国时间）。受理号 ${f.receiptNo}`,
    cancelled: (f) => `[首尔120] ${f.date} ${f.time}（韩国时间）的手语咨询预约已取消。受理号 ${f.receiptNo}`,
  },
  ja: {
    title: '手話ビデオ相談の予約',
    contact: { chat: 'チャット', sms: 'SMS', video: 'ビデオ通話' },
    confirmed: (f) => `[ソウル120] 手話ビデオ相談を ${f.date} ${f.time}（韓国時間）に予約しました。受付番号 ${f.receiptNo}`,
    reminder: (f) => `[ソウル120] ${f.date} ${f.time}（韓国時間）の手話ビデオ相談のお知らせです。受付番号 ${f.receiptNo}`,
    cancelled: (f) => `[ソウル120] ${f.date} ${f.time}（韓国時間）の手話相談の予約を取り消しました。受付番号 ${f.receiptNo}`,
  },
  vi: {
    title: 'Đặt lịch tư vấn video bằng ngôn ngữ ký hiệu',
    contact: { chat: 'trò chuyện', sms: 'tin nhắn', video: 'gọi video' },
    confirmed: (f) => `[Seoul 120] Đã đặt tư vấn video ngôn ngữ ký hiệu lúc ${f.time} ngày ${f.date} (giờ Hàn Quốc). Mã tiếp nhận ${f.receiptNo}`,
    reminder: (f) => `[Seoul 120] Nhắc lịch tư vấn ngôn ngữ ký hiệu lúc ${f.time} ngày ${f.date} (giờ Hàn Quốc). Mã tiếp nhận ${f.receiptNo}`,
    cancelled: (f) => `[Seoul 120] Lịch tư vấn lúc ${f.time} ngày ${f.date} (giờ Hàn Quốc) đã bị hủy. Mã tiếp nhận ${f.receiptNo}`,
  },
  mn: {
    title: 'Дохионы хэлний видео зөвлөгөөний цаг захиалга',
    contact: { chat: 'чат', sms: 'мессеж', video: 'видео дуудлага' },
    confirmed: (f) => `[Сөүл 120] Дохионы хэлний видео зөвлөгөө ${f.date} ${f.time} (Солонгосын цагаар) захиалагдлаа. Хүлээн авсан дугаар ${f.receiptNo}`,
    reminder: (f) => `[Сөүл 120] Сануулга: дохионы хэлний зөвлөгөө ${f.date} ${f.time} (Солонгосын цагаар). Хүлээн авсан дугаар ${f.receiptNo}`,
    cancelled: (f) => `[Сөүл 120] ${f.date} ${f.time} (Солонгосын цагаар)-ын зөвлөгөөний захиалга цуцлагдлаа. Хүлээн авсан дугаар ${f.receiptNo}`,
  },
};

/** The citizen-facing notice of one kind, in their language. */
export function reservationNotice(kind: Exclude<TemplateKind, 'intake'>, language: ReservationLanguage, facts: TemplateFacts): string {
  return CATALOG[language][kind](facts);
}

/**
 * The text of the intake message that files the reservation as a complaint, in the citizen's
 * language so the pipeline records (and translates) it as theirs.
 */
export function intakeText(language: ReservationLanguage, facts: Omit<TemplateFacts, 'receiptNo'>): string {
  const entry = CATALOG[language];
  const head = `[${entry.title}] ${facts.date} ${facts.time} KST · ${entry.contact[facts.contactPreference]}`;
  return facts.note ? `${head}\n${facts.note}` : head;
}

export const RESERVATION_LANGUAGES = Object.keys(CATALOG) as ReservationLanguage[];
