import { describe, expect, it } from 'vitest';
import { generateContactFlows } from '../../../lib/contact-flows/generate-flows.ts';
import { FlowBuilder } from '../../../lib/contact-flows/flow-builder.ts';
import type { ContactFlowConfig } from '../../../lib/contact-flows/flow-config.ts';
import type { FlowAction, FlowDocument } from '../../../lib/contact-flows/flow-language.ts';
import { invokedLambdaArns, validateFlow } from '../../../lib/contact-flows/validate-flow.ts';
import { spokenLanguageProblems } from '../../../lib/contact-flows/spoken-languages.ts';
import type { RecordedPrompts } from '../../../lib/contact-flows/speech.ts';

const arn = (kind: string, id: string) => `arn:aws:connect:ap-northeast-2:111122223333:instance/inst/${kind}/${id}`;
const config: ContactFlowConfig = {
  contactStartLambdaArn: 'arn:aws:lambda:ap-northeast-2:111122223333:function:contact-start',
  happyCallOutcomeLambdaArn: 'arn:aws:lambda:ap-northeast-2:111122223333:function:happy-call-outcome',
  queues: { ko: arn('queue', 'ko'), en: arn('queue', 'en'), zh: arn('queue', 'zh'), ja: arn('queue', 'ja'), vi: arn('queue', 'vi'), mn: arn('queue', 'mn'), sign: arn('queue', 'sign') },
  hoursOfOperationArn: arn('operating-hours', '24x7'),
};
const prompts = (lang: string): RecordedPrompts => ({
  pleaseWait: arn('prompt', `${lang}-wait`),
  afterHours: arn('prompt', `${lang}-closed`),
  queueFull: arn('prompt', `${lang}-full`),
  happyCallMenu: arn('prompt', `${lang}-hc-menu`),
  happyCallOptOutConfirmed: arn('prompt', `${lang}-hc-optout`),
  happyCallGoodbye: arn('prompt', `${lang}-hc-bye`),
  happyCallBusy: arn('prompt', `${lang}-hc-busy`),
});

function action(flow: FlowDocument, id: string): FlowAction {
  const found = flow.Actions.find((a) => a.Identifier === id);
  if (!found) throw new Error(`no action ${id}`);
  return found;
}
/** Follows NextAction (or the first condition) from an action until a queue is set; returns its QueueId. */
function queueReachedFrom(flow: FlowDocument, id: string): string | undefined {
  let current: FlowAction | undefined = action(flow, id);
  for (let i = 0; current && i < 10; i += 1) {
    if (current.Type === 'UpdateContactTargetQueue') return (current.Parameters as { QueueId: string }).QueueId;
    const next: string | undefined = current.Transitions.NextAction ?? current.Transitions.Conditions?.[0]?.NextAction;
    current = next ? action(flow, next) : undefined;
  }
  return undefined;
}
function errorTarget(a: FlowAction, type: string): string | undefined {
  return a.Transitions.Errors?.find((e) => e.ErrorType === type)?.NextAction;
}

describe('generated contact flows', () => {
  const flows = generateContactFlows(config);

  it('generates three flows that pass validation with no problems', () => {
    for (const flow of Object.values(flows)) expect(validateFlow(flow.document)).toEqual([]);
    expect(Object.keys(flows).sort()).toEqual(['chatTask', 'happyCall', 'mainIvr']);
  });

  it('offers English, Chinese, Japanese, Vietnamese and Mongolian on 1-5 of the foreign menu, reached by 9', () => {
    const ivr = flows.mainIvr.document;
    const main = action(ivr, 'main-menu');
    expect(main.Transitions.Conditions?.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([['9', 'voice-foreign-menu']]);
    const menu = action(ivr, 'foreign-menu');
    expect(menu.Transitions.Conditions?.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([
      ['1', 'lang-en'],
      ['2', 'lang-zh'],
      ['3', 'lang-ja'],
      ['4', 'lang-vi'],
      ['5', 'lang-mn'],
    ]);
  });

  it('sets the language attribute and the matching queue for every language', () => {
    const ivr = flows.mainIvr.document;
    for (const lang of ['ko', 'en', 'zh', 'ja', 'vi', 'mn'] as const) {
      expect((action(ivr, `lang-${lang}`).Parameters as { Attributes: Record<string, string> }).Attributes).toEqual({ language: lang });
      expect(queueReachedFrom(ivr, `lang-${lang}`)).toBe(config.queues[lang]);
    }
  });

  it('tells contact-start the chosen language (so a complaint founded as und takes it) and goes on to the queue even if that call fails', () => {
    const ivr = flows.mainIvr.document;
    for (const lang of ['ko', 'en', 'zh', 'ja', 'vi', 'mn'] as const) {
      expect(action(ivr, `lang-${lang}`).Transitions.NextAction).toBe(`record-${lang}`);
      const record = action(ivr, `record-${lang}`);
      expect(record.Parameters).toMatchObject({ LambdaFunctionARN: config.contactStartLambdaArn, LambdaInvocationAttributes: { language: lang } });
      expect(errorTarget(record, 'NoMatchingError')).toBe(record.Transitions.NextAction);
      expect(queueReachedFrom(ivr, `record-${lang}`)).toBe(config.queues[lang]);
    }
  });

  it('offers status notices by SMS before the queue: 1 sets the consent attribute and tells contact-start; anything else goes on to the queue', () => {
    const ivr = flows.mainIvr.document;
    for (const lang of ['ko', 'en', 'zh', 'ja'] as const) {
      const offer = action(ivr, `notices-${lang}`);
      expect(offer.Type).toBe('GetParticipantInput');
      expect(offer.Transitions.Conditions?.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([['1', `consent-${lang}`]]);
      for (const error of ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError']) expect(errorTarget(offer, error)).toBe(`queue-${lang}`);
      expect((action(ivr, `consent-${lang}`).Parameters as { Attributes: Record<string, string> }).Attributes).toEqual({ smsNotices: 'granted' });
      const save = action(ivr, `save-consent-${lang}`);
      expect(save.Parameters).toMatchObject({ LambdaFunctionARN: config.contactStartLambdaArn, LambdaInvocationAttributes: { language: lang, smsNotices: 'granted' } });
      expect([save.Transitions.NextAction, errorTarget(save, 'NoMatchingError')]).toEqual([`queue-${lang}`, `queue-${lang}`]);
    }
    // Vietnamese and Mongolian have no voice: no offer without a recorded prompt for it.
    expect(ivr.Actions.some((a) => a.Identifier === 'notices-vi' || a.Identifier === 'notices-mn')).toBe(false);
    const recorded = generateContactFlows({ ...config, recordedPrompts: { vi: { ...prompts('vi'), smsNoticesMenu: arn('prompt', 'vi-notices') }, mn: prompts('mn') } }).mainIvr.document;
    expect(action(recorded, 'notices-vi').Parameters).toMatchObject({ PromptId: arn('prompt', 'vi-notices') });
    expect(recorded.Actions.some((a) => a.Identifier === 'notices-mn')).toBe(false);
    expect(validateFlow(recorded)).toEqual([]);
  });

  it('routes a caller who presses nothing, or another key, on the Korean menu to the Korean queue', () => {
    const ivr = flows.mainIvr.document;
    const main = action(ivr, 'main-menu');
    expect(errorTarget(main, 'NoMatchingCondition')).toBe('lang-ko');
    // No key: the English hint first, then the Korean queue.
    const english = action(ivr, action(ivr, errorTarget(main, 'InputTimeLimitExceeded') ?? '').Transitions.NextAction ?? '');
    expect(errorTarget(english, 'InputTimeLimitExceeded')).toBe('lang-ko');
    expect(errorTarget(english, 'NoMatchingCondition')).toBe('lang-ko');
  });

  it('invokes the contact-start Lambda within Connect\'s 8-second ceiling and falls back to route=default on error', () => {
    const ivr = flows.mainIvr.document;
    const invoke = action(ivr, 'contact-start');
    expect(invoke.Parameters).toMatchObject({ LambdaFunctionARN: config.contactStartLambdaArn, ResponseValidation: { ResponseType: 'STRING_MAP' } });
    expect(Number((invoke.Parameters as { InvocationTimeLimitSeconds: string }).InvocationTimeLimitSeconds)).toBeLessThanOrEqual(8);
    const fallback = errorTarget(invoke, 'NoMatchingError');
    expect(fallback).toBe('save-default-route');
    expect((action(ivr, 'save-default-route').Parameters as { Attributes: Record<string, string> }).Attributes).toEqual({ route: 'default' });
    expect(action(ivr, 'save-contact').Parameters).toMatchObject({ Attributes: { receiptNo: '$.External.receiptNo', openComplaintCount: '$.External.openComplaintCount' } });
  });

  it('sends a full queue to the callback message and a failed transfer to the safe default queue', () => {
    const ivr = flows.mainIvr.document;
    for (const lang of ['en', 'zh', 'vi'] as const) {
      const transfer = action(ivr, `transfer-${lang}`);
      expect(errorTarget(transfer, 'QueueAtCapacity')).toBe(`busy-${lang}`);
      expect(queueReachedFrom(ivr, errorTarget(transfer, 'NoMatchingError') ?? '')).toBe(config.queues.ko);
      expect(action(ivr, `busy-${lang}`).Transitions.NextAction).toBe('hangup');
    }
  });

  it('keeps the after-hours path even though the line is open 24/7', () => {
    const hours = action(flows.mainIvr.document, 'hours-ko');
    expect(hours.Parameters).toEqual({ HoursOfOperationId: config.hoursOfOperationArn });
    expect(hours.Transitions.Conditions?.find((c) => c.Condition.Operands[0] === 'False')?.NextAction).toBe('closed-ko');
  });

  it('speaks Korean, English, Chinese and Japanese with Polly voices and never a Polly voice for Vietnamese or Mongolian', () => {
    const ivr = flows.mainIvr.document;
    const voice = (id: string) => (action(ivr, id).Parameters as { TextToSpeechVoice: string }).TextToSpeechVoice;
    expect([voice('voice-ko'), voice('voice-en'), voice('voice-zh'), voice('voice-ja')]).toEqual(['Seoyeon', 'Joanna', 'Zhiyu', 'Kazuha']);
    expect(ivr.Actions.some((a) => a.Identifier === 'voice-vi' || a.Identifier === 'voice-mn')).toBe(false);
  });

  it('speaks every sentence in one language, with that language\'s voice in effect on every path that reaches it', () => {
    const withPrompts = generateContactFlows({ ...config, recordedPrompts: { vi: prompts('vi'), mn: prompts('mn') }, foreignMenuPromptArn: arn('prompt', 'menu') });
    for (const generated of [flows, withPrompts]) {
      for (const flow of Object.values(generated)) expect(spokenLanguageProblems(flow.document), flow.name).toEqual([]);
    }
  });

  it('offers the foreign-language menu in Korean with the Korean voice, then in English with the English voice, both accepting 9', () => {
    const ivr = flows.mainIvr.document;
    const koreanMenu = action(ivr, 'main-menu');
    expect((koreanMenu.Parameters as { Text: string }).Text).toMatch(/9번/);
    expect((koreanMenu.Parameters as { Text: string }).Text).not.toMatch(/[A-Za-z]/);
    const hint = action(ivr, errorTarget(koreanMenu, 'InputTimeLimitExceeded') ?? '');
    expect(hint.Type).toBe('UpdateContactTextToSpeechVoice');
    expect(hint.Parameters).toMatchObject({ TextToSpeechVoice: 'Joanna' });
    const englishMenu = action(ivr, hint.Transitions.NextAction ?? '');
    expect((englishMenu.Parameters as { Text: string }).Text).toBe('For foreign languages, press 9.');
    expect(englishMenu.Transitions.Conditions?.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([['9', 'voice-foreign-menu']]);
    expect(errorTarget(englishMenu, 'InputTimeLimitExceeded')).toBe('lang-ko');
  });

  it('queues Vietnamese and Mongolian callers counselor-first when no recorded prompts are configured', () => {
    const ivr = flows.mainIvr.document;
    const hours = action(ivr, 'hours-vi');
    expect(hours.Transitions.Conditions?.find((c) => c.Condition.Operands[0] === 'True')?.NextAction).toBe('transfer-vi');
  });

  it('plays the recorded Vietnamese and Mongolian prompts when their ARNs are configured', () => {
    const withPrompts = generateContactFlows({ ...config, recordedPrompts: { vi: prompts('vi'), mn: prompts('mn') } });
    const ivr = withPrompts.mainIvr.document;
    expect(action(ivr, 'wait-vi').Parameters).toEqual({ PromptId: prompts('vi').pleaseWait });
    expect(action(ivr, 'busy-mn').Parameters).toEqual({ PromptId: prompts('mn').queueFull });
    expect(action(withPrompts.happyCall.document, 'greet-vi').Parameters).toMatchObject({ PromptId: prompts('vi').happyCallMenu });
  });

  it('routes chat and task contacts by the language attribute, overflowing to the Korean queue', () => {
    const chat = flows.chatTask.document;
    const route = action(chat, 'route-by-language');
    expect(route.Parameters).toEqual({ ComparisonValue: '$.Attributes.language' });
    expect(route.Transitions.Conditions?.map((c) => c.Condition.Operands[0])).toEqual(['ko', 'en', 'zh', 'ja', 'vi', 'mn', 'sign']);
    expect(errorTarget(route, 'NoMatchingCondition')).toBe('queue-ko');
    expect((action(chat, 'queue-mn').Parameters as { QueueId: string }).QueueId).toBe(config.queues.mn);
    expect(errorTarget(action(chat, 'transfer-zh'), 'QueueAtCapacity')).toBe('queue-ko');
  });

  it('records the happy-call opt-out as an attribute before calling the outcome Lambda, and confirms it', () => {
    const hc = flows.happyCall.document;
    const greet = action(hc, 'greet-zh');
    expect(greet.Transitions.Conditions?.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([
      ['1', 'answered-zh'],
      ['9', 'optout-flag-zh'],
    ]);
    expect(action(hc, 'optout-flag-zh').Transitions.NextAction).toBe('optout-record-zh');
    expect(action(hc, 'optout-record-zh').Parameters).toMatchObject({ LambdaInvocationAttributes: { outcome: 'opted_out' } });
    expect(errorTarget(action(hc, 'optout-record-zh'), 'NoMatchingError')).toBe('optout-confirm-zh');
  });

  it('lets Connect invoke exactly the two flow Lambdas', () => {
    const all = new Set(Object.values(flows).flatMap((f) => invokedLambdaArns(f.document)));
    expect([...all].sort()).toEqual([config.contactStartLambdaArn, config.happyCallOutcomeLambdaArn].sort());
  });
});

describe('flow validator', () => {
  it('reports a dangling transition, an unreachable action, an unhandled error and a dead end', () => {
    const f = new FlowBuilder<'start' | 'orphan' | 'bye'>('broken');
    f.message('start', { Text: 'hi' }, { next: 'bye', onError: 'bye' });
    f.message('orphan', { Text: 'never' }, { next: 'bye', onError: 'bye' });
    f.disconnect('bye');
    const flow = f.build('start');
    const start = flow.Actions[0] as FlowAction;
    start.Transitions = { NextAction: 'missing' };
    const loop: FlowAction = { Identifier: 'loop', Type: 'MessageParticipant', Parameters: { Text: 'x' }, Transitions: { NextAction: 'loop', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'loop' }] } };
    flow.Actions.push(loop);
    const messages = validateFlow(flow).map((p) => `${p.action}: ${p.message}`);
    expect(messages).toContain('start: transition to unknown action "missing"');
    expect(messages).toContain('start: error NoMatchingError has no branch');
    expect(messages).toContain('orphan: unreachable from StartAction');
    expect(messages).toContain('loop: no path from here ends in a disconnect, a queue transfer or the end of the flow');
  });

  it('refuses an identifier with a forbidden character and a CheckHoursOfOperation without both branches', () => {
    const flow: FlowDocument = {
      Version: '2019-10-30',
      StartAction: 'a:b',
      Actions: [
        { Identifier: 'a:b', Type: 'CheckHoursOfOperation', Parameters: {}, Transitions: { Conditions: [{ NextAction: 'end', Condition: { Operator: 'Equals', Operands: ['True'] } }], Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] } },
        { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    };
    const messages = validateFlow(flow).map((p) => p.message);
    expect(messages).toContain('Identifier contains a forbidden character');
    expect(messages).toContain('needs exactly one True and one False condition');
  });

  it('reports a sentence that mixes languages, and one a path reaches with another language\'s voice or none', () => {
    const f = new FlowBuilder<'ko-voice' | 'en-voice' | 'mixed' | 'korean' | 'bye'>('voices');
    f.setVoice('ko-voice', { name: 'Seoyeon', engine: 'Neural' }, { next: 'mixed', onError: 'mixed' });
    f.message('mixed', { Text: '잠시만 기다려 주십시오. Please hold.' }, { next: 'en-voice', onError: 'en-voice' });
    f.setVoice('en-voice', { name: 'Joanna', engine: 'Neural' }, { next: 'korean', onError: 'korean' });
    f.message('korean', { Text: '감사합니다.' }, { next: 'bye', onError: 'bye' });
    f.disconnect('bye');
    const flow = f.build('ko-voice');
    expect(spokenLanguageProblems(flow).map((p) => `${p.action}: ${p.message}`)).toEqual([
      'mixed: mixes ko and en in one prompt: give each language its own prompt and voice',
      'korean: ko text may be spoken by Joanna (en)',
    ]);
    expect(validateFlow(flow).map((p) => p.action)).toEqual(['mixed', 'korean']);
    const unvoiced = new FlowBuilder<'hello' | 'bye'>('unvoiced');
    unvoiced.message('hello', { Text: '안녕하십니까' }, { next: 'bye', onError: 'bye' });
    unvoiced.disconnect('bye');
    expect(spokenLanguageProblems(unvoiced.build('hello')).map((p) => p.message)).toEqual(['ko text may be spoken by the default voice (no voice set)']);
  });

  it('refuses to build the same identifier twice', () => {
    const f = new FlowBuilder<'x'>('dup');
    f.disconnect('x');
    expect(() => f.disconnect('x')).toThrow(/defined twice/);
  });
});
