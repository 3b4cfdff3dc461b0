import { beforeAll, describe, expect, it } from 'vitest';
import { CONNECT_ACTIONS, CONNECT_ARN_PATTERNS, connectStatement, type ConnectAction, type ConnectResourceType } from '../../lib/constructs/contact-center/connect-authorization.ts';
import { renderCloudFormation as render, type Json } from './render-cloudformation.ts';
import { allStacks, resourcesOf, synthesizedGateway } from './synthesized-gateway.ts';

type Statement = { Action: string | string[]; Resource: Json | Json[] };

const typeOf = (arn: string): ConnectResourceType | undefined =>
  (Object.entries(CONNECT_ARN_PATTERNS) as Array<[ConnectResourceType, RegExp]>).find(([, pattern]) => pattern.test(arn))?.[0];

describe('Amazon Connect permissions against the Service Authorization Reference', () => {
  let granted: Array<{ where: string; action: ConnectAction; types: Array<ConnectResourceType | string> }>;
  beforeAll(() => {
    synthesizedGateway();
    const stacks = allStacks();
    granted = stacks.flatMap((stack) =>
      resourcesOf(stack, 'AWS::IAM::Policy').flatMap(([id, policy]) =>
        ((policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement ?? []).flatMap((statement) =>
          [statement.Action].flat().filter((action) => action.startsWith('connect:')).map((action) => ({
            where: `${stack.stackName}/${id}`,
            action: action.slice('connect:'.length) as ConnectAction,
            types: [statement.Resource].flat().map((resource) => {
              const arn = render(resource, stack, stacks);
              return typeOf(arn) ?? `not a Connect ARN: ${arn}`;
            }),
          })),
        ),
      ),
    );
  });

  it('grants only actions whose authorization is recorded, each on resource types the action is authorized on and on every required one', () => {
    expect(granted.length).toBeGreaterThan(0);
    for (const { where, action, types } of granted) {
      const authorization = CONNECT_ACTIONS[action];
      expect(authorization, `${where}: connect:${action} has no recorded authorization`).toBeDefined();
      // An any-of type (GetMetricDataV2's queue*, routing-profile*, ...) is authorized as named, and one is needed.
      const anyOf: readonly string[] = 'anyOf' in authorization ? authorization.anyOf : [];
      const allowed: readonly string[] = [...authorization.required, ...authorization.optional, ...anyOf];
      expect(types.filter((type) => !allowed.includes(type)), `${where}: connect:${action}`).toEqual([]);
      for (const required of authorization.required) expect(types, `${where}: connect:${action} needs ${required}`).toContain(required);
      if (anyOf.length > 0) expect(types.some((type) => anyOf.includes(type)), `${where}: connect:${action} needs one of ${anyOf.join(', ')}`).toBe(true);
    }
  });

  it('grants the happy-call outbound call on the contacts of the instance only (StartOutboundVoiceContact authorizes on contact*, with no condition key)', () => {
    const outbound = granted.filter((g) => g.action === 'StartOutboundVoiceContact');
    expect(outbound.length).toBeGreaterThan(0);
    for (const grant of outbound) expect(grant.types).toEqual(['contact']);
  });

  it('refuses at synthesis a statement naming a resource type the action is not authorized on, or missing a required one', () => {
    const instance = 'arn:aws:connect:ap-northeast-2:111122223333:instance/abc';
    expect(() => connectStatement('StartOutboundVoiceContact', { contact: [`${instance}/contact/*`], queue: [`${instance}/queue/q`] })).toThrow(/not authorized on queue/);
    expect(() => connectStatement('StartContactStreaming', { contact: [`${instance}/contact/*`] })).toThrow(/not authorized on contact/);
    expect(() => connectStatement('StartChatContact', { contact: [`${instance}/contact/*`] })).toThrow(/needs a contact-flow/);
    // GetMetricDataV2 is authorized on the resources its filters name, never on the instance.
    expect(() => connectStatement('GetMetricDataV2', { instance: [instance] })).toThrow(/not authorized on instance/);
    expect(() => connectStatement('GetMetricDataV2', {})).toThrow(/needs a resource of one of queue/);
  });
});
