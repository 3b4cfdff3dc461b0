import type { ComplaintStatus } from '../model.ts';
import type { NoticeLanguage } from './model.ts';

/*
 * The words the citizen reads: notices and status answers in Korean and the five languages of the
 * city's foreign-language line. Fixed templates, not machine translation, so a notice never waits
 * on (or pays for) a translation service; only the free text a counselor wrote (an extension's
 * reason, an answer) travels as written or as already translated. Every text names the receipt
 * number exactly as issued: it is what the citizen quotes when they call or look the status up.
 */

/** What the public status view and the status answers call each status. */
export const STATUS_LABELS: Readonly<Record<NoticeLanguage, Readonly<Record<ComplaintStatus, string>>>> = {
  ko: { received: '접수', in_progress: '처리 중', answered: '답변 완료', closed: '처리 완료' },
  en: { received: 'Received', in_progress: 'In progress', answered: 'Answered', closed: 'Closed' },
  zh: { received: '已受理', in_progress: '处理中', answered: '已答复', closed: '已办结' },
  ja: { received: '受付済み', in_progress: '対応中', answered: '回答済み', closed: '完了' },
  vi: { received: 'Đã tiếp nhận', in_progress: 'Đang xử lý', answered: 'Đã trả lời', closed: 'Đã hoàn tất' },
  mn: { received: 'Хүлээн авсан', in_progress: 'Шийдвэрлэж байна', answered: 'Хариулсан', closed: 'Хаагдсан' },
};

/** History entries that keep the status but matter to the citizen. */
export const EVENT_LABELS: Readonly<Record<NoticeLanguage, Readonly<Record<'deadline_extended' | 'transferred', string>>>> = {
  ko: { deadline_extended: '처리 기한 연장', transferred: '담당 기관 이관' },
  en: { deadline_extended: 'Deadline extended', transferred: 'Transferred to the responsible agency' },
  zh: { deadline_extended: '处理期限已延长', transferred: '已转交负责机关' },
  ja: { deadline_extended: '処理期限の延長', transferred: '担当機関へ移送' },
  vi: { deadline_extended: 'Gia hạn thời hạn xử lý', transferred: 'Đã chuyển cơ quan phụ trách' },
  mn: { deadline_extended: 'Шийдвэрлэх хугацааг сунгасан', transferred: 'Хариуцсан байгууллагад шилжүүлсэн' },
};

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `2026-12-10 18:00` in KST; foreign readers are told the zone. */
export function kstDateTime(instant: string, language: NoticeLanguage): string {
  const text = new Date(Date.parse(instant) + KST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
  return language === 'ko' ? text : `${text} (KST)`;
}

export type NoticeTextInput =
  | { kind: 'taken_up' | 'closed'; receiptNo: string }
  | { kind: 'transferred'; receiptNo: string; agency: string }
  /** `answer`: the answer itself, when the citizen's own channel did not deliver it. */
  | { kind: 'answered'; receiptNo: string; answer?: string }
  | { kind: 'deadline_extended'; receiptNo: string; dueAt: string; reason: string }
  | { kind: 'progress'; receiptNo: string; days: number; dueAt: string }
  | { kind: 'status_reply'; receiptNo: string; status: ComplaintStatus; dueAt: string }
  | { kind: 'status_unknown'; receiptNo: string };

type Templates = {
  [K in NoticeTextInput['kind']]: (input: Extract<NoticeTextInput, { kind: K }>, due: string, label: string) => string;
};

const TEMPLATES: Readonly<Record<NoticeLanguage, Templates>> = {
  ko: {
    taken_up: ({ receiptNo }) => `[서울시 120] 접수번호 ${receiptNo} 민원을 상담사가 처리하기 시작했습니다.`,
    transferred: ({ receiptNo, agency }) => `[서울시 120] 접수번호 ${receiptNo} 민원을 담당 기관에 이관했습니다. 담당: ${agency}`,
    answered: ({ receiptNo, answer }) => (answer ? `[서울시 120] 접수번호 ${receiptNo} 민원 답변: ${answer}` : `[서울시 120] 접수번호 ${receiptNo} 민원에 답변했습니다.`),
    closed: ({ receiptNo }) => `[서울시 120] 접수번호 ${receiptNo} 민원 처리를 마쳤습니다. 이용해 주셔서 감사합니다.`,
    deadline_extended: ({ receiptNo, reason }, due) => `[서울시 120] 접수번호 ${receiptNo} 민원의 처리 기한을 ${due}까지로 연장했습니다. 사유: ${reason}`,
    progress: ({ receiptNo, days }, due) => `[서울시 120] 접수번호 ${receiptNo} 민원을 처리하고 있습니다(접수 ${days}일째). 처리 기한: ${due}`,
    status_reply: ({ receiptNo }, due, label) => `[서울시 120] 접수번호 ${receiptNo}: ${label}${due ? `. 처리 기한: ${due}` : ''}`,
    status_unknown: ({ receiptNo }) => `[서울시 120] 이 번호로 접수된 ${receiptNo} 민원을 찾지 못했습니다. 접수번호를 확인해 주세요.`,
  },
  en: {
    taken_up: ({ receiptNo }) => `[Seoul 120] A counselor has started working on your complaint ${receiptNo}.`,
    transferred: ({ receiptNo, agency }) => `[Seoul 120] Your complaint ${receiptNo} has been transferred to the responsible agency: ${agency}.`,
    answered: ({ receiptNo, answer }) => (answer ? `[Seoul 120] Answer to your complaint ${receiptNo}: ${answer}` : `[Seoul 120] Your complaint ${receiptNo} has been answered.`),
    closed: ({ receiptNo }) => `[Seoul 120] Your complaint ${receiptNo} has been closed. Thank you for contacting us.`,
    deadline_extended: ({ receiptNo, reason }, due) => `[Seoul 120] The processing deadline of your complaint ${receiptNo} has been extended to ${due}. Reason: ${reason}`,
    progress: ({ receiptNo, days }, due) => `[Seoul 120] We are still working on your complaint ${receiptNo} (day ${days}). Deadline: ${due}`,
    status_reply: ({ receiptNo }, due, label) => `[Seoul 120] Complaint ${receiptNo}: ${label}${due ? `. Deadline: ${due}` : ''}`,
    status_unknown: ({ receiptNo }) => `[Seoul 120] We could not find complaint ${receiptNo} for this phone number. Please check the receipt number.`,
  },
  zh: {
    taken_up: ({ receiptNo }) => `[首尔120] 咨询员已开始处理您的投诉（受理编号 ${receiptNo}）。`,
    transferred: ({ receiptNo, agency }) => `[首尔120] 您的投诉（受理编号 ${receiptNo}）已转交负责机关：${agency}。`,
    answered: ({ receiptNo, answer }) => (answer ? `[首尔120] 投诉（受理编号 ${receiptNo}）答复：${answer}` : `[首尔120] 您的投诉（受理编号 ${receiptNo}）已答复。`),
    closed: ({ receiptNo }) => `[首尔120] 您的投诉（受理编号 ${receiptNo}）已办结。感谢您的联系。`,
    deadline_extended: ({ receiptNo, reason }, due) => `[首尔120] 您的投诉（受理编号 ${receiptNo}）处理期限已延长至 ${due}。原因：${reason}`,
    progress: ({ receiptNo, days }, due) => `[首尔120] 您的投诉（受理编号 ${receiptNo}）正在处理中（第${days}天）。处理期限：${due}`,
    status_reply: ({ receiptNo }, due, label) => `[首尔120] 受理编号 ${receiptNo}：${label}${due ? `。处理期限：${due}` : ''}`,
    status_unknown: ({ receiptNo }) => `[首尔120] 未找到此手机号码的投诉 ${receiptNo}。请确认受理编号。`,
  },
  ja: {
    taken_up: ({ receiptNo }) => `[ソウル120] 受付番号 ${receiptNo} のご相談について、相談員が対応を始めました。`,
    transferred: ({ receiptNo, agency }) => `[ソウル120] 受付番号 ${receiptNo} のご相談を担当機関に移送しました。担当：${agency}`,
    answered: ({ receiptNo, answer }) => (answer ? `[ソウル120] 受付番号 ${receiptNo} のご相談への回答：${answer}` : `[ソウル120] 受付番号 ${receiptNo} のご相談に回答しました。`),
    closed: ({ receiptNo }) => `[ソウル120] 受付番号 ${receiptNo} のご相談の対応を完了しました。ご利用ありがとうございました。`,
    deadline_extended: ({ receiptNo, reason }, due) => `[ソウル120] 受付番号 ${receiptNo} のご相談の処理期限を ${due} まで延長しました。理由：${reason}`,
    progress: ({ receiptNo, days }, due) => `[ソウル120] 受付番号 ${receiptNo} のご相談は対応中です（受付から${days}日目）。処理期限：${due}`,
    status_reply: ({ receiptNo }, due, label) => `[ソウル120] 受付番号 ${receiptNo}：${label}${due ? `。処理期限：${due}` : ''}`,
    status_unknown: ({ receiptNo }) => `[ソウル120] この電話番号で受付番号 ${receiptNo} のご相談が見つかりませんでした。受付番号をご確認ください。`,
  },
  vi: {
    taken_up: ({ receiptNo }) => `[Seoul 120] Tư vấn viên đã bắt đầu xử lý khiếu nại số ${receiptNo} của bạn.`,
    transferred: ({ receiptNo, agency }) => `[Seoul 120] Khiếu nại số ${receiptNo} của bạn đã được chuyển đến cơ quan phụ trách: ${agency}.`,
    answered: ({ receiptNo, answer }) => (answer ? `[Seoul 120] Trả lời khiếu nại số ${receiptNo}: ${answer}` : `[Seoul 120] Khiếu nại số ${receiptNo} của bạn đã được trả lời.`),
    closed: ({ receiptNo }) => `[Seoul 120] Khiếu nại số ${receiptNo} của bạn đã được xử lý xong. Cảm ơn bạn đã liên hệ.`,
    deadline_extended: ({ receiptNo, reason }, due) => `[Seoul 120] Thời hạn xử lý khiếu nại số ${receiptNo} đã được gia hạn đến ${due}. Lý do: ${reason}`,
    progress: ({ receiptNo, days }, due) => `[Seoul 120] Chúng tôi vẫn đang xử lý khiếu nại số ${receiptNo} (ngày thứ ${days}). Thời hạn: ${due}`,
    status_reply: ({ receiptNo }, due, label) => `[Seoul 120] Khiếu nại số ${receiptNo}: ${label}${due ? `. Thời hạn: ${due}` : ''}`,
    status_unknown: ({ receiptNo }) => `[Seoul 120] Không tìm thấy khiếu nại số ${receiptNo} của số điện thoại này. Vui lòng kiểm tra lại số biên nhận.`,
  },
  mn: {
    taken_up: ({ receiptNo }) => `[Сөүл 120] Таны ${receiptNo} дугаартай өргөдлийг зөвлөх шийдвэрлэж эхэллээ.`,
    transferred: ({ receiptNo, agency }) => `[Сөүл 120] Таны ${receiptNo} дугаартай өргөдлийг хариуцсан байгууллагад шилжүүллээ: ${agency}.`,
    answered: ({ receiptNo, answer }) => (answer ? `[Сөүл 120] ${receiptNo} дугаартай өргөдлийн хариу: ${answer}` : `[Сөүл 120] Таны ${receiptNo} дугаартай өргөдөлд хариу өглөө.`),
    closed: ({ receiptNo }) => `[Сөүл 120] Таны ${receiptNo} дугаартай өргөдлийг шийдвэрлэж дууслаа. Хандсанд баярлалаа.`,
    deadline_extended: ({ receiptNo, reason }, due) => `[Сөүл 120] Таны ${receiptNo} дугаартай өргөдлийг шийдвэрлэх хугацааг ${due} хүртэл сунгалаа. Шалтгаан: ${reason}`,
    progress: ({ receiptNo, days }, due) => `[Сөүл 120] Таны ${receiptNo} дугаартай өргөдлийг шийдвэрлэж байна (${days} дахь өдөр). Хугацаа: ${due}`,
    status_reply: ({ receiptNo }, due, label) => `[Сөүл 120] ${receiptNo} дугаартай өргөдөл: ${label}${due ? `. Хугацаа: ${due}` : ''}`,
    status_unknown: ({ receiptNo }) => `[Сөүл 120] Энэ утасны дугаараар бүртгэгдсэн ${receiptNo} өргөдөл олдсонгүй. Бүртгэлийн дугаараа шалгана уу.`,
  },
};

/** The text of a notice or status answer in `language`; the due time only where it still matters. */
export function noticeText(language: NoticeLanguage, input: NoticeTextInput): string {
  const dueAt = 'dueAt' in input ? input.dueAt : undefined;
  const open = input.kind !== 'status_reply' || input.status === 'received' || input.status === 'in_progress';
  const due = dueAt && open ? kstDateTime(dueAt, language) : '';
  const label = input.kind === 'status_reply' ? STATUS_LABELS[language][input.status] : '';
  const template = TEMPLATES[language][input.kind] as (input: NoticeTextInput, due: string, label: string) => string;
  return template(input, due, label);
}

/**
 * A notice's text, and for another language its Korean text too (Notice.textKo: what a handset that
 * cannot show the language gets). `korean` is the input for the Korean text when its free text
 * differs (the counselor's own words rather than their translation).
 */
export function noticeTexts(language: NoticeLanguage, input: NoticeTextInput, korean: NoticeTextInput = input): { text: string; textKo?: string } {
  return { text: noticeText(language, input), ...(language !== 'ko' ? { textKo: noticeText('ko', korean) } : {}) };
}
