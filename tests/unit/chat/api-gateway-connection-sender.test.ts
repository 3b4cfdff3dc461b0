import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { apiGatewayConnectionSender } from '../../../functions/adapters/chat/api-gateway-connection-sender.ts';

describe('API Gateway @connections sender', () => {
  const api = mockClient(ApiGatewayManagementApiClient);
  afterEach(() => api.reset());
  const sender = () => apiGatewayConnectionSender(new ApiGatewayManagementApiClient({ region: 'ap-northeast-2', endpoint: 'https://abc.execute-api.ap-northeast-2.amazonaws.com/prod', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }));

  it('posts the frame as UTF-8 JSON and reports a connection the client left (410) as gone', async () => {
    api.on(PostToConnectionCommand, { ConnectionId: 'live=' }).resolves({});
    api.on(PostToConnectionCommand, { ConnectionId: 'left=' }).rejects(new GoneException({ message: 'gone', $metadata: { httpStatusCode: 410 } }));
    await expect(sender().post('live=', { type: 'reply', text: '답변입니다' })).resolves.toBe('delivered');
    await expect(sender().post('left=', { type: 'reply', text: 'x' })).resolves.toBe('gone');
    const data = api.commandCalls(PostToConnectionCommand)[0]?.args[0].input.Data as Uint8Array;
    expect(JSON.parse(new TextDecoder().decode(data))).toEqual({ type: 'reply', text: '답변입니다' });
  });

  it('closes a connection with DeleteConnection; one already gone is done, other failures are thrown', async () => {
    api.on(DeleteConnectionCommand, { ConnectionId: 'live=' }).resolves({});
    api.on(DeleteConnectionCommand, { ConnectionId: 'left=' }).rejects(new GoneException({ message: 'gone', $metadata: { httpStatusCode: 410 } }));
    api.on(DeleteConnectionCommand, { ConnectionId: 'denied=' }).rejects(Object.assign(new Error('not allowed'), { name: 'ForbiddenException', $metadata: { httpStatusCode: 403 } }));
    await expect(sender().disconnect('live=')).resolves.toBeUndefined();
    await expect(sender().disconnect('left=')).resolves.toBeUndefined();
    await expect(sender().disconnect('denied=')).rejects.toThrow('not allowed');
    expect(api.commandCalls(DeleteConnectionCommand).map((call) => call.args[0].input.ConnectionId)).toEqual(['live=', 'left=', 'denied=']);
  });
});
