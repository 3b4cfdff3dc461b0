import type { LanguageCode } from '../model.ts';

/**
 * The satisfaction question in the citizen's language (fixed texts, never machine translated),
 * with the receipt number so the citizen knows which complaint it is about.
 */
const QUESTIONS: Readonly<Record<Exclude<LanguageCode, 'und'>, (receiptNo: string) => string>> = {
  ko: (r) => `[서울시 120] 접수번호 ${r} 민원 처리에 얼마나 만족하셨나요? 1(매우 불만족)부터 5(매우 만족)까지 숫자로 답해 주세요. 설문을 원하지 않으시면 "아니요"라고 보내 주세요.`,
  en: (r) => `[Seoul 120] How satisfied are you with how we handled receipt ${r}? Reply with a number from 1 (very dissatisfied) to 5 (very satisfied), or NO to stop these questions.`,
  zh: (r) => `【首尔120】您对受理编号 ${r} 的处理结果满意吗？请回复1（非常不满意）到5（非常满意）的数字。如不想参加调查，请回复"不"。`,
  ja: (r) => `【ソウル120】受付番号 ${r} の対応にどの程度ご満足いただけましたか。1（とても不満）から5（とても満足）の数字でご返信ください。アンケートが不要な場合は「いいえ」とご返信ください。`,
  vi: (r) => `[Seoul 120] Bạn hài lòng thế nào với việc xử lý hồ sơ ${r}? Hãy trả lời bằng số từ 1 (rất không hài lòng) đến 5 (rất hài lòng), hoặc KHÔNG để ngừng nhận câu hỏi này.`,
  mn: (r) => `[Сөүл 120] ${r} дугаартай өргөдлийн шийдвэрлэлтэд хэр сэтгэл хангалуун байна вэ? 1 (огт сэтгэл хангалуун бус)-ээс 5 (маш сэтгэл хангалуун) хүртэлх тоогоор хариулна уу. Асуулт авахыг хүсэхгүй бол ҮГҮЙ гэж бичнэ үү.`,
};

export function surveyQuestion(language: LanguageCode, receiptNo: string): string {
  return QUESTIONS[language === 'und' ? 'ko' : language](receiptNo);
}
