import { FOREIGN_MENU, FOREIGN_MENU_DIGIT, ROUTED_LANGUAGES, type RoutedLanguage } from '../../functions/core/voice/language-routing.ts';
import { FlowBuilder } from './flow-builder.ts';
import type { ContactFlowConfig } from './flow-config.ts';
import type { FlowDocument } from './flow-language.ts';
import { ENGLISH_IVR, FOREIGN_MENU_TEXT, KOREAN_IVR, POLLY_VOICES, say, smsNoticesOffer, speechFor } from './speech.ts';

type L = RoutedLanguage;
export type MainIvrActionId =
  | 'enable-logging'
  | 'voice-ko-welcome'
  | 'welcome'
  | 'contact-start'
  | 'save-contact'
  | 'save-default-route'
  | 'main-menu'
  | 'voice-en-hint'
  | 'foreign-hint'
  | 'voice-foreign-menu'
  | 'foreign-menu'
  | 'voice-default'
  | 'queue-default'
  | 'transfer-default'
  | 'sorry'
  | 'voice-en-sorry'
  | 'sorry-en'
  | 'hangup'
  | `lang-${L}`
  | `record-${L}`
  | `voice-${L}`
  | `notices-${L}`
  | `consent-${L}`
  | `save-consent-${L}`
  | `queue-${L}`
  | `hours-${L}`
  | `wait-${L}`
  | `transfer-${L}`
  | `busy-${L}`
  | `closed-${L}`;

/**
 * Set on the contact when the caller presses 1 to get status notices by SMS; contact-start stores
 * it on the complaint (docs/channels/notices.md).
 */
export const SMS_NOTICES_ATTRIBUTE = { name: 'smsNotices', granted: 'granted' } as const;

/** Attributes the agent workspace shows, copied from the contact-start Lambda's response. */
export const CONTACT_START_ATTRIBUTES = ['receiptNo', 'complaintId', 'openComplaintCount', 'language', 'route'] as const;

/**
 * Main inbound IVR: Korean welcome, contact-start Lambda, Korean by default or 9 for the
 * foreign-language menu, queue per language, hours check, overflow and error paths that always
 * end in a queue transfer or a polite disconnect.
 */
export function buildMainIvrFlow(config: ContactFlowConfig): FlowDocument {
  const f = new FlowBuilder<MainIvrActionId>('main-ivr');
  const recorded = config.recordedPrompts ?? {};
  const english = speechFor('en', recorded);

  f.enableLogging('enable-logging', { next: 'voice-ko-welcome' });
  f.setVoice('voice-ko-welcome', POLLY_VOICES.ko ?? { name: 'Seoyeon', engine: 'Neural' }, { next: 'welcome', onError: 'welcome' });
  f.message('welcome', { Text: KOREAN_IVR.welcome }, { next: 'contact-start', onError: 'contact-start' });
  f.invokeLambda(
    'contact-start',
    { arn: config.contactStartLambdaArn, timeoutSeconds: config.contactStartTimeoutSeconds ?? 3 },
    { next: 'save-contact', onError: 'save-default-route' },
  );
  f.setAttributes(
    'save-contact',
    Object.fromEntries(CONTACT_START_ATTRIBUTES.map((key) => [key, `$.External.${key}`])),
    { next: 'main-menu', onError: 'save-default-route' },
  );
  // The Lambda failed or timed out: the call goes on, routed by the menu, flagged for the counselor.
  f.setAttributes('save-default-route', { route: 'default' }, { next: 'main-menu', onError: 'main-menu' });
  // Each sentence in its own voice: the Korean menu, then (no key yet) the same offer in English.
  f.menu(
    'main-menu',
    { Text: KOREAN_IVR.mainMenu, timeoutSeconds: 2 },
    { options: [{ digit: FOREIGN_MENU_DIGIT, next: 'voice-foreign-menu' }], onTimeout: 'voice-en-hint', onNoMatch: 'lang-ko', onError: 'lang-ko' },
  );
  f.setVoice('voice-en-hint', POLLY_VOICES.en ?? { name: 'Joanna', engine: 'Neural' }, { next: 'foreign-hint', onError: 'foreign-hint' });
  f.menu(
    'foreign-hint',
    { Text: ENGLISH_IVR.foreignMenuHint, timeoutSeconds: 3 },
    { options: [{ digit: FOREIGN_MENU_DIGIT, next: 'voice-foreign-menu' }], onTimeout: 'lang-ko', onNoMatch: 'lang-ko', onError: 'lang-ko' },
  );
  f.setVoice('voice-foreign-menu', POLLY_VOICES.en ?? { name: 'Joanna', engine: 'Neural' }, { next: 'foreign-menu', onError: 'foreign-menu' });
  f.menu(
    'foreign-menu',
    config.foreignMenuPromptArn
      ? { PromptId: config.foreignMenuPromptArn, timeoutSeconds: 8 }
      : { Text: FOREIGN_MENU_TEXT, timeoutSeconds: 8 },
    {
      options: FOREIGN_MENU.map((o) => ({ digit: o.digit, next: `lang-${o.language}` as const })),
      // A caller who pressed 9 but chose nothing is most likely served in English.
      onTimeout: 'lang-en',
      onNoMatch: 'lang-en',
      onError: 'lang-en',
    },
  );

  for (const language of ROUTED_LANGUAGES) {
    const speech = speechFor(language, recorded);
    // Counselor-first languages reuse the English sentences for the busy / closed paths.
    const fallbackSpeech = speech.kind === 'counselor-first' ? english : speech;
    const offer = smsNoticesOffer(speech);
    const afterVoice = offer ? (`notices-${language}` as const) : (`queue-${language}` as const);
    const afterRecord = speech.kind === 'tts' ? (`voice-${language}` as const) : afterVoice;
    f.setAttributes(`lang-${language}`, { language }, { next: `record-${language}`, onError: `record-${language}` });
    // contact-start again, now with the caller's language: a complaint founded as `und` takes it.
    // Its answer is not used; a failure or timeout only leaves the language unset.
    f.invokeLambda(
      `record-${language}`,
      { arn: config.contactStartLambdaArn, timeoutSeconds: config.contactStartTimeoutSeconds ?? 3, parameters: { language } },
      { next: afterRecord, onError: afterRecord },
    );
    if (speech.kind === 'tts') f.setVoice(`voice-${language}`, speech.voice, { next: afterVoice, onError: afterVoice });
    if (offer) {
      // Status notices by SMS only with the caller's consent: 1 sets the attribute and contact-start
      // stores it on the complaint. No key, another key or a failure goes on to the queue unasked again.
      const queue = `queue-${language}` as const;
      f.menu(`notices-${language}`, { ...offer, timeoutSeconds: 3 }, { options: [{ digit: '1', next: `consent-${language}` }], onTimeout: queue, onNoMatch: queue, onError: queue });
      f.setAttributes(`consent-${language}`, { [SMS_NOTICES_ATTRIBUTE.name]: SMS_NOTICES_ATTRIBUTE.granted }, { next: `save-consent-${language}`, onError: queue });
      f.invokeLambda(
        `save-consent-${language}`,
        { arn: config.contactStartLambdaArn, timeoutSeconds: config.contactStartTimeoutSeconds ?? 3, parameters: { language, [SMS_NOTICES_ATTRIBUTE.name]: SMS_NOTICES_ATTRIBUTE.granted } },
        { next: queue, onError: queue },
      );
    }
    f.setQueue(`queue-${language}`, config.queues[language], { next: `hours-${language}`, onError: 'voice-default' });
    const wait = say(speech, 'pleaseWait');
    f.checkHours(`hours-${language}`, config.hoursOfOperationArn, {
      inHours: wait ? `wait-${language}` : `transfer-${language}`,
      outOfHours: `closed-${language}`,
      // A failed hours check must not strand a 24/7 caller: try the queue.
      onError: `transfer-${language}`,
    });
    if (wait) f.message(`wait-${language}`, wait, { next: `transfer-${language}`, onError: `transfer-${language}` });
    f.transferToQueue(`transfer-${language}`, { atCapacity: `busy-${language}`, onError: 'voice-default' });
    f.message(`busy-${language}`, say(fallbackSpeech, 'queueFull') ?? { Text: KOREAN_IVR.sorry }, { next: 'hangup', onError: 'hangup' });
    f.message(`closed-${language}`, say(fallbackSpeech, 'afterHours') ?? { Text: KOREAN_IVR.sorry }, { next: 'hangup', onError: 'hangup' });
  }

  // The safe default is the Korean queue, and what is said on the way there is Korean, in the Korean voice.
  f.setVoice('voice-default', POLLY_VOICES.ko ?? { name: 'Seoyeon', engine: 'Neural' }, { next: 'queue-default', onError: 'queue-default' });
  f.setQueue('queue-default', config.queues.ko, { next: 'transfer-default', onError: 'sorry' });
  f.transferToQueue('transfer-default', { atCapacity: 'busy-ko', onError: 'sorry' });
  f.message('sorry', { Text: KOREAN_IVR.sorry }, { next: 'voice-en-sorry', onError: 'voice-en-sorry' });
  f.setVoice('voice-en-sorry', POLLY_VOICES.en ?? { name: 'Joanna', engine: 'Neural' }, { next: 'sorry-en', onError: 'sorry-en' });
  f.message('sorry-en', { Text: ENGLISH_IVR.sorry }, { next: 'hangup', onError: 'hangup' });
  f.disconnect('hangup');
  return f.build('enable-logging');
}
