/*
 * Traditional or Simplified Chinese, told from the text itself. Translation services name
 * them apart (Amazon Translate zh / zh-TW, LibreTranslate zh / zt), and a citizen who writes
 * Traditional characters (Taiwan, Hong Kong; X tags such posts zh-tw) must be read and answered
 * in them. Most characters are shared; these pairs are common characters whose forms differ
 * (Traditional first, Simplified second). Text with none of them is Simplified, the services'
 * default for `zh`.
 */
const PAIRS =
  '們们這这個个說说對对來来時时會会為为與与還还開开關关問问題题區区車车電电話话謝谢請请' +
  '處处壞坏燈灯號号務务辦办違违報报員员機机場场點点樣样麼么沒没發发現现經经過过進进' +
  '門门間间聽听見见覺觉讓让們们應应該该體体東东長长後后裡里邊边錢钱買买賣卖醫医院院' +
  '學学書书愛爱國国聯联絡络網网頁页費费鐵铁運运路路線线站站單单雙双歲岁歡欢幫帮確确' +
  '認认實实際际無无業业產产樂乐氣气熱热門门禮礼靜静聲声臺台灣湾儘尽盡尽麵面飯饭';

const TRADITIONAL = new Set<string>();
const SIMPLIFIED = new Set<string>();
const chars = [...PAIRS];
for (let index = 0; index + 1 < chars.length; index += 2) {
  const [traditional, simplified] = [chars[index] as string, chars[index + 1] as string];
  if (traditional === simplified) continue;
  TRADITIONAL.add(traditional);
  SIMPLIFIED.add(simplified);
}

export type ChineseVariant = 'zh' | 'zh-TW';

/** `zh-TW` when the text uses more Traditional-only than Simplified-only characters, else `zh`. */
export function chineseVariantOf(text: string): ChineseVariant {
  let traditional = 0;
  let simplified = 0;
  for (const char of text) {
    if (TRADITIONAL.has(char)) traditional += 1;
    else if (SIMPLIFIED.has(char)) simplified += 1;
  }
  return traditional > simplified ? 'zh-TW' : 'zh';
}
