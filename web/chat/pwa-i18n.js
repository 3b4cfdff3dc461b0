// Texts of the installable app's own parts (offline page, answer notifications), in the six
// languages of the site. Kept apart from i18n.js so the chat page's texts stay as they are.
export const PWA_TEXT = {
  ko: {
    offlineTitle: '120 다산콜 — 오프라인',
    offlineHeading: '인터넷에 연결되어 있지 않습니다',
    offlineIntro: '채팅 상담은 연결되면 다시 이용할 수 있습니다. 지금 급하시면 전화해 주세요.',
    call120: '120에 전화하기',
    call120Hint: '서울 밖에서는 02-120, 24시간 365일',
    receiptsHeading: '이 기기에 저장된 접수번호',
    noReceipts: '이 기기에 저장된 접수번호가 없습니다.',
    forgetReceipts: '이 기기에서 접수번호 지우기',
    retry: '다시 연결하기',
    pushEnable: '답변이 오면 알림 받기',
    pushEnabled: '답변 알림이 이 기기에 켜져 있습니다.',
    pushDenied: '브라우저 설정에서 알림이 차단되어 있습니다.',
    pushFailed: '알림을 켤 수 없습니다. 나중에 다시 시도해 주세요.',
  },
  en: {
    offlineTitle: '120 Dasan Call Center — offline',
    offlineHeading: 'You are not connected to the internet',
    offlineIntro: 'Chat counselling works again once you are connected. If it is urgent, please call.',
    call120: 'Call 120',
    call120Hint: 'From outside Seoul: 02-120, 24 hours a day, every day',
    receiptsHeading: 'Receipt numbers saved on this device',
    noReceipts: 'No receipt numbers are saved on this device.',
    forgetReceipts: 'Remove receipt numbers from this device',
    retry: 'Try again',
    pushEnable: 'Notify me when an answer arrives',
    pushEnabled: 'Answer notifications are on for this device.',
    pushDenied: 'Notifications are blocked in the browser settings.',
    pushFailed: 'Notifications could not be turned on. Please try again later.',
  },
  zh: {
    offlineTitle: '120 茶山呼叫中心 — 离线',
    offlineHeading: '未连接到互联网',
    offlineIntro: '连接后即可继续聊天咨询。如有急事，请拨打电话。',
    call120: '拨打 120',
    call120Hint: '首尔以外地区请拨 02-120，全年24小时服务',
    receiptsHeading: '保存在本设备上的受理编号',
    noReceipts: '本设备上没有保存受理编号。',
    forgetReceipts: '从本设备删除受理编号',
    retry: '重新连接',
    pushEnable: '有答复时通知我',
    pushEnabled: '本设备已开启答复通知。',
    pushDenied: '浏览器设置已阻止通知。',
    pushFailed: '无法开启通知，请稍后再试。',
  },
  ja: {
    offlineTitle: '120 茶山コールセンター — オフライン',
    offlineHeading: 'インターネットに接続されていません',
    offlineIntro: '接続されるとチャット相談を再びご利用いただけます。お急ぎの場合はお電話ください。',
    call120: '120に電話する',
    call120Hint: 'ソウル市外からは 02-120、24時間365日',
    receiptsHeading: 'この端末に保存された受付番号',
    noReceipts: 'この端末に保存された受付番号はありません。',
    forgetReceipts: 'この端末から受付番号を削除',
    retry: '再接続する',
    pushEnable: '回答が届いたら通知する',
    pushEnabled: 'この端末で回答の通知がオンになっています。',
    pushDenied: 'ブラウザの設定で通知がブロックされています。',
    pushFailed: '通知をオンにできませんでした。後でもう一度お試しください。',
  },
  vi: {
    offlineTitle: 'Tổng đài 120 Dasan — ngoại tuyến',
    offlineHeading: 'Bạn chưa kết nối Internet',
    offlineIntro: 'Tư vấn trò chuyện sẽ hoạt động lại khi có kết nối. Nếu khẩn cấp, vui lòng gọi điện.',
    call120: 'Gọi 120',
    call120Hint: 'Ngoài Seoul: 02-120, 24 giờ mỗi ngày, cả năm',
    receiptsHeading: 'Mã tiếp nhận đã lưu trên thiết bị này',
    noReceipts: 'Chưa có mã tiếp nhận nào được lưu trên thiết bị này.',
    forgetReceipts: 'Xóa mã tiếp nhận khỏi thiết bị này',
    retry: 'Thử lại',
    pushEnable: 'Thông báo cho tôi khi có trả lời',
    pushEnabled: 'Thông báo trả lời đã bật trên thiết bị này.',
    pushDenied: 'Thông báo bị chặn trong cài đặt trình duyệt.',
    pushFailed: 'Không thể bật thông báo. Vui lòng thử lại sau.',
  },
  mn: {
    offlineTitle: '120 Дасан дуудлагын төв — офлайн',
    offlineHeading: 'Та интернэтэд холбогдоогүй байна',
    offlineIntro: 'Холбогдмогц чат зөвлөгөө дахин ажиллана. Яаралтай бол утсаар залгана уу.',
    call120: '120 руу залгах',
    call120Hint: 'Сөүлээс гадна: 02-120, өдөр бүр 24 цаг',
    receiptsHeading: 'Энэ төхөөрөмжид хадгалсан хүлээн авсан дугаарууд',
    noReceipts: 'Энэ төхөөрөмжид хадгалсан дугаар алга.',
    forgetReceipts: 'Дугааруудыг энэ төхөөрөмжөөс устгах',
    retry: 'Дахин холбогдох',
    pushEnable: 'Хариу ирэхэд мэдэгдэх',
    pushEnabled: 'Энэ төхөөрөмжид хариуны мэдэгдэл асаалттай байна.',
    pushDenied: 'Хөтчийн тохиргоонд мэдэгдэл хаагдсан байна.',
    pushFailed: 'Мэдэгдлийг асааж чадсангүй. Дараа дахин оролдоно уу.',
  },
};

export const PWA_LANGUAGES = Object.keys(PWA_TEXT);
/** The UI language the chat page chose, kept where the offline page and the service worker can read it. */
export const LANGUAGE_KEY = 'citizenApp.language';

export function pwaLanguage() {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if (PWA_LANGUAGES.includes(stored)) return stored;
  const browser = (navigator.language || 'ko').slice(0, 2);
  return PWA_LANGUAGES.includes(browser) ? browser : 'ko';
}
