import type { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CHAT_ENV } from '../../functions/wiring/aws/chat-env.ts';
import { ENV } from '../../functions/wiring/env-names.ts';
import { RESERVATION_ENV } from '../../functions/wiring/aws/reservations-env.ts';
import { GATEWAY_FUNCTIONS, RESERVATION_FUNCTIONS, VOICE_FUNCTIONS } from '../../lib/function-catalog.ts';
import { resourcesOf, stage, type CfnResource } from './synthesized-gateway.ts';

type Statement = { Action: string | string[]; Resource: unknown };

function functionOf(stack: Stack, description: string): [string, CfnResource] {
  const found = resourcesOf(stack, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties?.Description === description);
  if (!found) throw new Error(`no function "${description}" in ${stack.stackName}`);
  return found;
}

function envOf(stack: Stack, description: string): Record<string, unknown> {
  const [, fn] = functionOf(stack, description);
  return (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
}

/** Statements of the policies attached to the function's role. */
function statementsOf(stack: Stack, description: string): Statement[] {
  const [, fn] = functionOf(stack, description);
  const roleRef = JSON.stringify((fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]);
  return resourcesOf(stack, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles).includes(roleRef))
    .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

const manageConnections = (statements: Statement[]) =>
  statements.filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes('execute-api:ManageConnections'));

describe('cross-channel wiring on a stage with the chat channel', () => {
  const withChat = stage('prod-eum');
  const pushers: Array<[string, () => Stack, string]> = [
    ['complaints API (counselor replies)', () => withChat.complaintsApi, GATEWAY_FUNCTIONS.complaintsApi.description],
    ['reply retry consumer (held replies)', () => withChat.complaintsApi, GATEWAY_FUNCTIONS.replyRetry.description],
    ['agent-workspace reply stream', () => withChat.voice, VOICE_FUNCTIONS.replyStream.description],
    ['reservations API (chat-account bookings)', () => withChat.reservations as Stack, RESERVATION_FUNCTIONS.api.description],
    ['reservation task (chat notices)', () => withChat.reservations as Stack, RESERVATION_FUNCTIONS.task.description],
  ];

  it.each(pushers)('lets the %s push to chat connections of this stage\'s WebSocket API only, and names the endpoint', (_name, stackOf, description) => {
    const stack = stackOf();
    const grants = manageConnections(statementsOf(stack, description));
    expect(grants).toHaveLength(1);
    const resource = JSON.stringify(grants[0]?.Resource);
    expect(resource).toContain('prod-eum-ChatChannel-ChatWebSocketApiId');
    expect(resource).toContain('/prod-eum/*/@connections/*');
    const endpoint = JSON.stringify(envOf(stack, description)[CHAT_ENV.connectionsEndpoint]);
    expect(endpoint).toContain('prod-eum-ChatChannel-ChatWebSocketApiId');
    expect(endpoint).toMatch(/https:\/\/.*execute-api.*\/prod-eum"/);
    expect(stack.dependencies).toContain(withChat.chatChannel);
  });

  it('queues held replies for their translation retry: the API and the consumer send to the retry queue, the consumer reads it', () => {
    const stack = withChat.complaintsApi;
    for (const description of [GATEWAY_FUNCTIONS.complaintsApi.description, GATEWAY_FUNCTIONS.replyRetry.description]) {
      const url = JSON.stringify(envOf(stack, description)[ENV.replyRetryQueueUrl]);
      expect(url).toContain('ReplyRetryQueue');
      const sends = statementsOf(stack, description).filter((s) => [s.Action].flat().includes('sqs:SendMessage'));
      expect(sends.some((s) => JSON.stringify(s.Resource).includes('ReplyRetryQueue'))).toBe(true);
    }
    const [consumerId] = functionOf(stack, GATEWAY_FUNCTIONS.replyRetry.description);
    const mappings = resourcesOf(stack, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties?.FunctionName).includes(consumerId));
    expect(mappings).toHaveLength(1);
    expect(JSON.stringify(mappings[0]?.[1].Properties?.EventSourceArn)).toContain('ReplyRetryQueue');
    expect(mappings[0]?.[1].Properties?.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('leaves functions of a stage without the chat channel without the grant or the endpoint', () => {
    const prod = stage('prod');
    expect(prod.chatChannel).toBeUndefined();
    expect(manageConnections(statementsOf(prod.complaintsApi, GATEWAY_FUNCTIONS.complaintsApi.description))).toEqual([]);
    expect(envOf(prod.complaintsApi, GATEWAY_FUNCTIONS.complaintsApi.description)[CHAT_ENV.connectionsEndpoint]).toBeUndefined();
    expect(envOf(prod.voice, VOICE_FUNCTIONS.replyStream.description)[CHAT_ENV.connectionsEndpoint]).toBeUndefined();
  });

  it('starts reservation tasks in the voice stack\'s sign-language task flow and queue when the config names none', () => {
    const reservations = withChat.reservations;
    if (!reservations) throw new Error('prod-eum has reservations');
    const env = envOf(reservations, RESERVATION_FUNCTIONS.task.description);
    expect(env[RESERVATION_ENV.contactFlowId]).toEqual({ 'Fn::ImportValue': 'prod-eum-Voice-SignLanguageTaskFlowId' });
    expect(env[RESERVATION_ENV.queueId]).toEqual({ 'Fn::ImportValue': 'prod-eum-Voice-SignLanguageQueueId' });
    expect(JSON.stringify(env[RESERVATION_ENV.connectInstanceId])).toContain('prod-eum-Voice-SignLanguageInstanceArn');
    expect(reservations.dependencies).toContain(withChat.voice);
    const start = statementsOf(reservations, RESERVATION_FUNCTIONS.task.description).find((s) => s.Action === 'connect:StartTaskContact');
    expect(JSON.stringify(start?.Resource)).toContain('prod-eum-Voice-SignLanguageTaskFlowId');
  });

  it('has the dev stage deploy the chat channel and reservations', () => {
    const dev = stage('dev');
    expect(dev.chatChannel).toBeDefined();
    expect(dev.reservations).toBeDefined();
    expect(dev.xChannel).toBeUndefined();
  });
});
