import { describe, expect, it } from 'vitest';
import { buildMainIvrFlow } from '../../../lib/contact-flows/main-ivr-flow.ts';
import { buildPostCallSurveyFlow } from '../../../lib/contact-flows/post-call-survey-flow.ts';
import type { FlowAction, FlowDocument } from '../../../lib/contact-flows/flow-language.ts';
import { invokedLambdaArns, validateFlow } from '../../../lib/contact-flows/validate-flow.ts';
import { SURVEY_SCORE_ATTRIBUTE } from '../../../functions/core/satisfaction/model.ts';

const arn = (kind: string, id: string) => `arn:aws:connect:ap-northeast-2:111122223333:instance/inst/${kind}/${id}`;
const SURVEY_LAMBDA = 'arn:aws:lambda:ap-northeast-2:111122223333:function:post-call-survey';

function action(flow: FlowDocument, id: string): FlowAction {
  const found = flow.Actions.find((a) => a.Identifier === id);
  if (!found) throw new Error(`no action ${id}`);
  return found;
}

describe('the post-call survey flow', () => {
  const flow = buildPostCallSurveyFlow({ postCallSurveyLambdaArn: SURVEY_LAMBDA, recordedSurveyPrompts: { vi: { question: arn('prompt', 'vi-q'), thanks: arn('prompt', 'vi-t') } } });

  it('passes validation and invokes only the survey Lambda', () => {
    expect(validateFlow(flow)).toEqual([]);
    expect(invokedLambdaArns(flow)).toEqual([SURVEY_LAMBDA]);
  });

  it('routes by the language the IVR set, Korean otherwise, and skips a language with neither voice nor prompts', () => {
    const route = action(flow, 'route-by-language');
    expect(route.Transitions.Conditions?.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([
      ['ko', 'voice-ko'],
      ['en', 'voice-en'],
      ['zh', 'voice-zh'],
      ['ja', 'voice-ja'],
      ['vi', 'offered-vi'],
    ]);
    expect(route.Transitions.Errors).toEqual([{ ErrorType: 'NoMatchingCondition', NextAction: 'voice-ko' }]);
  });

  it('records the question as asked, then stores each digit 1-5 as a contact attribute before the Lambda reads it', () => {
    expect(action(flow, 'offered-ko').Parameters).toMatchObject({ LambdaFunctionARN: SURVEY_LAMBDA, LambdaInvocationAttributes: { step: 'offered' } });
    const question = action(flow, 'question-ko');
    expect(question.Transitions.Conditions?.map((c) => c.Condition.Operands[0])).toEqual(['1', '2', '3', '4', '5']);
    for (const digit of [1, 2, 3, 4, 5]) {
      expect(action(flow, `score-${digit}-ko`).Parameters).toEqual({ Attributes: { [SURVEY_SCORE_ATTRIBUTE]: String(digit) }, TargetContact: 'Current' });
      expect(action(flow, `score-${digit}-ko`).Transitions.NextAction).toBe(`answered-${digit}-ko`);
      expect(action(flow, `answered-${digit}-ko`).Parameters).toMatchObject({ LambdaInvocationAttributes: { step: 'answered' } });
    }
    // No digit: no answer, the call ends.
    expect(question.Transitions.Errors?.map((e) => e.NextAction)).toEqual(['hangup', 'hangup', 'hangup']);
  });
});

describe('the main IVR with a post-call survey', () => {
  const config = {
    contactStartLambdaArn: 'arn:aws:lambda:ap-northeast-2:111122223333:function:contact-start',
    happyCallOutcomeLambdaArn: 'arn:aws:lambda:ap-northeast-2:111122223333:function:happy-call-outcome',
    queues: { ko: arn('queue', 'ko'), en: arn('queue', 'en'), zh: arn('queue', 'zh'), ja: arn('queue', 'ja'), vi: arn('queue', 'vi'), mn: arn('queue', 'mn'), sign: arn('queue', 'sign') },
    hoursOfOperationArn: arn('operating-hours', '24x7'),
  };

  it('sets the survey as the disconnect flow for the caller who stays on the line, before any queue', () => {
    const ivr = buildMainIvrFlow({ ...config, postCallSurveyFlowArn: arn('contact-flow', 'survey') });
    expect(validateFlow(ivr)).toEqual([]);
    expect(action(ivr, 'save-contact').Transitions.NextAction).toBe('survey-hook');
    expect(action(ivr, 'save-default-route').Transitions.NextAction).toBe('survey-hook');
    expect(action(ivr, 'survey-hook')).toMatchObject({ Type: 'UpdateContactEventHooks', Parameters: { EventHooks: { CustomerRemaining: arn('contact-flow', 'survey') } }, Transitions: { NextAction: 'main-menu' } });
  });

  it('goes straight to the menu without one', () => {
    const ivr = buildMainIvrFlow(config);
    expect(ivr.Actions.some((a) => a.Type === 'UpdateContactEventHooks')).toBe(false);
    expect(action(ivr, 'save-contact').Transitions.NextAction).toBe('main-menu');
  });
});
