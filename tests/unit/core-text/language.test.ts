import { describe, expect, it } from 'vitest';
import { containsHangul, detectLanguage, resolveLanguage } from '../../../functions/core/language.ts';

describe('detectLanguage', () => {
  it.each([
    ['우리 집 앞 가로등이 사흘째 꺼져 있어요. 빨리 고쳐 주세요.'],
    ['불법 주차 신고합니다 🚗 마포구 월드컵로 12길'],
    ['ㅠㅠ 아직도 답이 없네요'],
    ['안녕하세요 my T-money card was charged twice on bus 472'],
    ['Wi-Fi 비밀번호가 뭐예요? 서울시청 1층'],
    ['ㅋㅋㅋㅋ'],
  ])('reads Korean, also when mixed with English: %s', (text) => {
    expect(detectLanguage(text)).toBe('ko');
  });

  it.each([
    ['Hello, the streetlight in front of my house has been off for three days.'],
    ['How do I get a foreigner registration card? I live in Mapo-gu.'],
    ['I ate phở near the station and got food poisoning, who do I report this to?'],
    ['Hello, the streetlight near 강남역 exit 3 on Teheran-ro has been dark for a whole week now, please fix it'],
  ])('reads English: %s', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  it.each([
    ['你好，我家门口的路灯坏了三天了，请尽快修理。'],
    ['請問外國人登錄證在哪裡辦理？'],
    ['地铁2号线很挤'],
  ])('reads Chinese (Han without kana): %s', (text) => {
    expect(detectLanguage(text)).toBe('zh');
  });

  it.each([
    ['こんにちは。家の前の街灯が三日間消えています。'],
    ['ソウル駅の近くで財布をなくしました'],
    ['バスカードが使えません'],
  ])('reads Japanese when kana is present, even among Han: %s', (text) => {
    expect(detectLanguage(text)).toBe('ja');
  });

  it.each([
    ['Xin chào, đèn đường trước nhà tôi đã tắt ba ngày rồi.'],
    ['Tôi muốn hỏi về thẻ đăng ký người nước ngoài'],
    ['Cảm ơn'],
  ])('reads Vietnamese from its letters and tone marks: %s', (text) => {
    expect(detectLanguage(text)).toBe('vi');
  });

  it('reads decomposed (NFD) Vietnamese like composed text', () => {
    expect(detectLanguage('Tôi muốn hỏi về thẻ đăng ký'.normalize('NFD'))).toBe('vi');
  });

  it.each([
    ['Сайн байна уу, манай байрны гэрэл гурван өдөр унтарсан байна.'],
    ['Гадаад иргэний үнэмлэх хаана авах вэ?'],
    ['Баярлалаа'],
  ])('reads Cyrillic as Mongolian: %s', (text) => {
    expect(detectLanguage(text)).toBe('mn');
  });

  it('misreads Russian as Mongolian (the city line is Mongolian; documented limit)', () => {
    expect(detectLanguage('Здравствуйте, у меня сломался фонарь')).toBe('mn');
  });

  it.each([[''], ['   '], ['👍👍'], ['12345 !!!'], ['🙏 ... 010-1234-5678'], ['https://example.com/a/b?c=d'], ['@seoul_city #민원']])(
    "answers 'und' without letters to go on: %j",
    (text) => {
      expect(detectLanguage(text)).toBe('und');
    },
  );

  it('ignores URLs, mentions and hashtags when counting', () => {
    expect(detectLanguage('@Seoul_gov 가로등 고장 신고합니다 https://maps.example.com/place/seoul-city-hall #streetlight #broken')).toBe('ko');
    expect(detectLanguage('@서울시 #가로등 #고장 The streetlight is broken')).toBe('en');
    expect(detectLanguage('路灯坏了 http://example.com/report?lang=english-text-here')).toBe('zh');
    expect(detectLanguage('Xin chào www.seoul.go.kr/foreign/english/help tôi cần giúp đỡ')).toBe('vi');
  });

  it('ignores emoji between letters', () => {
    expect(detectLanguage('🙏🙏 감사합니다 😊')).toBe('ko');
    expect(detectLanguage('Thank you 😊🙏')).toBe('en');
  });
});

describe('containsHangul', () => {
  it('finds syllables and bare jamo', () => {
    expect(containsHangul('bus 472 강남')).toBe(true);
    expect(containsHangul('ㅠㅠ')).toBe(true);
  });

  it('is false for text in other scripts', () => {
    expect(containsHangul('東京 こんにちは Сайн Xin chào hello 😊')).toBe(false);
  });
});

describe('resolveLanguage (detection plus the channel\'s hint)', () => {
  it('takes the hint where detection has no evidence or a known blind spot', () => {
    expect(resolveLanguage(detectLanguage('👍🙏 12'), 'ja')).toBe('ja');
    expect(resolveLanguage(detectLanguage('xin chao, den duong truoc nha bi hong'), 'vi')).toBe('vi');
    expect(resolveLanguage(detectLanguage('東京都庁'), 'ja')).toBe('ja');
  });

  it('keeps clear evidence over the hint: Korean is never handed to a translator because of a hint', () => {
    expect(resolveLanguage(detectLanguage('가로등이 꺼졌어요'), 'en')).toBe('ko');
    expect(resolveLanguage(detectLanguage('The streetlight is out'), 'mn')).toBe('en');
    expect(resolveLanguage(detectLanguage('Гэрэл ажиллахгүй байна'), 'en')).toBe('mn');
    expect(resolveLanguage(detectLanguage('こんにちは'), 'zh')).toBe('ja');
  });

  it('is detection alone without a hint', () => {
    expect(resolveLanguage(detectLanguage('👍'), undefined)).toBe('und');
    expect(resolveLanguage(detectLanguage('xin chao'), undefined)).toBe('en');
  });
});
