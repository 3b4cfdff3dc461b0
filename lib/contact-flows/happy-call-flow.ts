import { ROUTED_LANGUAGES, type RoutedLanguage } from '../../functions/core/voice/language-routing.ts';
import { FlowBuilder } from './flow-builder.ts';
import type { ContactFlowConfig } from './flow-config.ts';
import type { FlowDocument } from './flow-language.ts';
import { say, speechFor } from './speech.ts';

type L = RoutedLanguage;
export type HappyCallActionId =
  | 'enable-logging'
  | 'route-by-language'
  | 'hangup'
  | `voice-${L}`
  | `greet-${L}`
  | `answered-${L}`
  | `queue-${L}`
  | `transfer-${L}`
  | `busy-${L}`
  | `optout-flag-${L}`
  | `optout-record-${L}`
  | `optout-confirm-${L}`
  | `no-choice-${L}`
  | `goodbye-${L}`;

export const HAPPY_CALL_OPT_OUT_DIGIT = '9';
export const HAPPY_CALL_COUNSELOR_DIGIT = '1';

/**
 * Outbound happy-call flow (run by StartOutboundVoiceContact with the `language` attribute set):
 * greets in the citizen's language, 1 connects a counselor in the language queue, 9 opts out.
 * Outcomes go to the outcome Lambda; the opt-out is also written as a contact attribute first, so
 * it survives in the contact record even if that Lambda fails.
 */
export function buildHappyCallFlow(config: ContactFlowConfig): FlowDocument {
  const f = new FlowBuilder<HappyCallActionId>('happy-call');
  const recorded = config.recordedPrompts ?? {};
  const outcome = (value: 'answered' | 'opted_out') => ({ arn: config.happyCallOutcomeLambdaArn, timeoutSeconds: 3, parameters: { outcome: value } });

  f.enableLogging('enable-logging', { next: 'route-by-language' });
  const entry = (language: L) => {
    const speech = speechFor(language, recorded);
    return speech.kind === 'tts' ? (`voice-${language}` as const) : speech.kind === 'recorded' ? (`greet-${language}` as const) : (`answered-${language}` as const);
  };
  f.compare('route-by-language', '$.Attributes.language', {
    cases: ROUTED_LANGUAGES.map((language) => ({ equals: language, next: entry(language) })),
    onNoMatch: entry('en'),
  });

  for (const language of ROUTED_LANGUAGES) {
    const speech = speechFor(language, recorded);
    if (speech.kind === 'tts') f.setVoice(`voice-${language}`, speech.voice, { next: `greet-${language}`, onError: `greet-${language}` });
    const menu = say(speech, 'happyCallMenu');
    if (menu) {
      f.menu(`greet-${language}`, { ...menu, timeoutSeconds: 8 }, {
        options: [
          { digit: HAPPY_CALL_COUNSELOR_DIGIT, next: `answered-${language}` },
          { digit: HAPPY_CALL_OPT_OUT_DIGIT, next: `optout-flag-${language}` },
        ],
        onTimeout: `no-choice-${language}`,
        onNoMatch: `no-choice-${language}`,
        onError: `no-choice-${language}`,
      });
      f.setAttributes(`optout-flag-${language}`, { happyCallOutcome: 'opted_out' }, { next: `optout-record-${language}`, onError: `optout-record-${language}` });
      f.invokeLambda(`optout-record-${language}`, outcome('opted_out'), { next: `optout-confirm-${language}`, onError: `optout-confirm-${language}` });
      f.message(`optout-confirm-${language}`, say(speech, 'happyCallOptOutConfirmed') ?? menu, { next: 'hangup', onError: 'hangup' });
      f.invokeLambda(`no-choice-${language}`, outcome('answered'), { next: `goodbye-${language}`, onError: `goodbye-${language}` });
      f.message(`goodbye-${language}`, say(speech, 'happyCallGoodbye') ?? menu, { next: 'hangup', onError: 'hangup' });
    }
    f.invokeLambda(`answered-${language}`, outcome('answered'), { next: `queue-${language}`, onError: `queue-${language}` });
    f.setQueue(`queue-${language}`, config.queues[language], { next: `transfer-${language}`, onError: 'hangup' });
    const busy = say(speech, 'happyCallBusy');
    if (busy) {
      f.transferToQueue(`transfer-${language}`, { atCapacity: `busy-${language}`, onError: `busy-${language}` });
      f.message(`busy-${language}`, busy, { next: 'hangup', onError: 'hangup' });
    } else {
      f.transferToQueue(`transfer-${language}`, { atCapacity: 'hangup', onError: 'hangup' });
    }
  }
  f.disconnect('hangup');
  return f.build('enable-logging');
}
