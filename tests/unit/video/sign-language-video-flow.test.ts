import { describe, expect, it } from 'vitest';
import type { FlowAction } from '../../../lib/contact-flows/flow-language.ts';
import { buildSignLanguageVideoFlow, CALL_KIND_ATTRIBUTE_PATH } from '../../../lib/contact-flows/sign-language-video-flow.ts';
import { validateFlow } from '../../../lib/contact-flows/validate-flow.ts';

const SIGN_QUEUE = 'arn:aws:connect:ap-northeast-2:111122223333:instance/i-1/queue/sign';

function actionOf(flow: ReturnType<typeof buildSignLanguageVideoFlow>, id: string): FlowAction {
  const action = flow.Actions.find((a) => a.Identifier === id);
  if (!action) throw new Error(`no action ${id}`);
  return action;
}

describe('sign-language video flow', () => {
  it('is a valid flow that puts every call in the sign-language queue', () => {
    const flow = buildSignLanguageVideoFlow(SIGN_QUEUE);
    expect(validateFlow(flow)).toEqual([]);
    expect(actionOf(flow, 'queue-sign').Parameters).toEqual({ QueueId: SIGN_QUEUE });
    // No prompt: the citizen may not hear it.
    expect(flow.Actions.some((a) => a.Type === 'MessageParticipant' || a.Type === 'GetParticipantInput')).toBe(false);
  });

  it('queues an on-demand call only while a sign-language counselor is available, and a reserved call always', () => {
    const flow = buildSignLanguageVideoFlow(SIGN_QUEUE);
    const kind = actionOf(flow, 'on-demand');
    expect(kind.Parameters).toEqual({ ComparisonValue: CALL_KIND_ATTRIBUTE_PATH });
    expect(kind.Transitions.Conditions).toEqual([{ NextAction: 'check-staffing', Condition: { Operator: 'Equals', Operands: ['on-demand'] } }]);
    expect(kind.Transitions.Errors).toEqual([{ NextAction: 'transfer', ErrorType: 'NoMatchingCondition' }]);
    const staffing = actionOf(flow, 'check-staffing');
    expect(staffing).toMatchObject({ Type: 'CheckMetricData', Parameters: { MetricType: 'NumberOfAgentsAvailable', QueueId: SIGN_QUEUE } });
    expect(staffing.Transitions.Conditions).toEqual([{ NextAction: 'transfer', Condition: { Operator: 'NumberGreaterThan', Operands: ['0'] } }]);
    expect(staffing.Transitions.Errors).toEqual(
      expect.arrayContaining([
        { NextAction: 'hangup', ErrorType: 'NoMatchingCondition' },
        { NextAction: 'transfer', ErrorType: 'NoMatchingError' },
      ]),
    );
  });

  it('refuses an agent count compared with anything but NumberGreaterThan 0 (the only condition Connect supports for it)', () => {
    const flow = buildSignLanguageVideoFlow(SIGN_QUEUE);
    const staffing = actionOf(flow, 'check-staffing');
    staffing.Transitions.Conditions = [{ NextAction: 'transfer', Condition: { Operator: 'NumberGreaterThan', Operands: ['2'] } }];
    expect(validateFlow(flow)).toEqual([{ action: 'check-staffing', message: 'an agent count supports only the condition NumberGreaterThan 0' }]);
  });
});
