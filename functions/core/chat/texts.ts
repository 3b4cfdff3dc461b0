import type { ChatLanguage } from './model.ts';

const VERIFICATION: Record<ChatLanguage, (code: string) => string> = {
  ko: (code) => `[120 채팅상담] 인증번호 ${code} (5분 안에 입력하세요)`,
  en: (code) => `[120 chat] Your code is ${code} (valid for 5 minutes)`,
  zh: (code) => `[120 聊天咨询] 验证码 ${code}（5分钟内有效）`,
  ja: (code) => `[120 チャット相談] 認証番号 ${code}（5分以内に入力してください）`,
  vi: (code) => `[120 trò chuyện] Mã xác minh ${code} (hiệu lực 5 phút)`,
  mn: (code) => `[120 чат] Баталгаажуулах код ${code} (5 минут хүчинтэй)`,
};

/** The SMS carrying the one-time code, in the language the citizen chose. */
export function verificationSms(language: ChatLanguage, code: string): string {
  return VERIFICATION[language](code);
}
