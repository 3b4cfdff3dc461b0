import type { ChatLanguage } from '../chat/model.ts';

/** The text an on-demand call files on the citizen's chat complaint (no translation service involved). */
const ON_DEMAND_REQUEST: Record<ChatLanguage, string> = {
  ko: '[수어 영상상담] 바로 연결 영상통화 요청',
  en: '[Sign-language video counselling] video call requested now',
  zh: '[手语视频咨询] 请求立即视频通话',
  ja: '[手話ビデオ相談] 今すぐビデオ通話を希望',
  vi: '[Tư vấn video ngôn ngữ ký hiệu] yêu cầu gọi video ngay',
  mn: '[Дохионы хэлний видео зөвлөгөө] одоо видео дуудлага хүсэв',
};

export const onDemandRequestText = (language: ChatLanguage): string => ON_DEMAND_REQUEST[language];
