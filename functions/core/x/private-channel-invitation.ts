import type { LanguageCode } from '../model.ts';

/** Where a citizen can continue privately. */
export interface PrivateChannels {
  /** SMS number or short code counselors answer. */
  sms: string;
  /** Web/app chat address, when the city runs one. */
  chatUrl?: string;
}

type Template = (channels: PrivateChannels) => string;

const TEMPLATES: Record<Exclude<LanguageCode, 'und'>, Template> = {
  ko: ({ sms, chatUrl }) =>
    `개인정보 보호를 위해 공개 답글로는 안내해 드릴 수 없습니다. ${chatUrl ? `채팅 상담(${chatUrl}) 또는 ` : ''}문자 상담(${sms})으로 연락해 주시면 자세히 안내해 드리겠습니다.`,
  en: ({ sms, chatUrl }) =>
    `To protect your personal information we cannot answer this in a public reply. Please contact us privately ${chatUrl ? `via chat (${chatUrl}) or ` : ''}by text message to ${sms}.`,
  zh: ({ sms, chatUrl }) =>
    `为保护您的个人信息，我们无法在公开回复中答复。请通过${chatUrl ? `在线咨询（${chatUrl}）或` : ''}短信（${sms}）与我们私下联系。`,
  ja: ({ sms, chatUrl }) =>
    `個人情報保護のため、公開の返信ではお答えできません。${chatUrl ? `チャット相談（${chatUrl}）または` : ''}SMS（${sms}）で個別にお問い合わせください。`,
  vi: ({ sms, chatUrl }) =>
    `Để bảo vệ thông tin cá nhân của bạn, chúng tôi không thể trả lời công khai. Vui lòng liên hệ riêng với chúng tôi ${chatUrl ? `qua trò chuyện trực tuyến (${chatUrl}) hoặc ` : ''}qua tin nhắn SMS đến số ${sms}.`,
  mn: ({ sms, chatUrl }) =>
    `Таны хувийн мэдээллийг хамгаалахын тулд бид нээлттэй хариу өгөх боломжгүй. ${chatUrl ? `Чатаар (${chatUrl}) эсвэл ` : ''}${sms} дугаарт мессеж илгээж бидэнтэй хувиараа холбогдоно уу.`,
};

/** The public invitation to continue on a private channel, in the citizen's language (Korean when unknown). */
export function privateChannelInvitation(language: LanguageCode, channels: PrivateChannels): string {
  const template = language === 'und' ? TEMPLATES.ko : TEMPLATES[language];
  return template(channels);
}
