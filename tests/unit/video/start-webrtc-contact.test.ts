import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectClient, StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { ConnectRejectedError } from '../../../functions/adapters/connect/connect-retry.ts';
import { createConnectVideoContacts } from '../../../functions/adapters/connect/start-webrtc-contact.ts';

const connect = mockClient(ConnectClient);

// The shape of StartWebRTCContact's answer (API reference: ConnectionData = Attendee + Meeting).
const ANSWER = {
  ContactId: 'c0ffee00-0000-4000-8000-000000000001',
  ParticipantId: 'participant-1',
  ParticipantToken: 'participant-token',
  ConnectionData: {
    Attendee: { AttendeeId: 'attendee-1', JoinToken: 'join-token' },
    Meeting: {
      MeetingId: 'meeting-1',
      MediaRegion: 'ap-northeast-2',
      MediaPlacement: { AudioHostUrl: 'audio.example', AudioFallbackUrl: 'wss://fallback.example', SignalingUrl: 'wss://signal.example', TurnControlUrl: 'https://turn.example', EventIngestionUrl: 'https://ingest.example' },
      MeetingFeatures: { Audio: { EchoReduction: 'AVAILABLE' as const } },
    },
  },
};

const request = { clientToken: 'video-abc', attributes: { receiptNo: '20260302-AAAAA-BBBBB', language: 'ko' as const, callKind: 'reserved' as const, reservationId: 'rsv_0123456789abcdefghjkmnpq' } };

describe('StartWebRTCContact adapter', () => {
  beforeEach(() => connect.reset());

  it('starts a video contact (customer and counselor send video) on the video flow with the attempt as ClientToken, and hands back the ConnectionData', async () => {
    connect.on(StartWebRTCContactCommand).resolves(ANSWER);
    const contacts = createConnectVideoContacts({ client: new ConnectClient({}), instanceId: 'instance-1', contactFlowId: 'flow-video' });
    const started = await contacts.start(request);
    expect(started).toEqual({ started: true, contactId: ANSWER.ContactId, media: { kind: 'amazon-connect', connectionData: ANSWER.ConnectionData } });
    const sent = connect.commandCalls(StartWebRTCContactCommand)[0]!.args[0].input;
    expect(sent).toMatchObject({
      InstanceId: 'instance-1',
      ContactFlowId: 'flow-video',
      ClientToken: 'video-abc',
      AllowedCapabilities: { Customer: { Video: 'SEND' }, Agent: { Video: 'SEND' } },
      Attributes: { receiptNo: request.attributes.receiptNo, language: 'ko', callKind: 'reserved', reservationId: request.attributes.reservationId },
    });
    expect(sent.ParticipantDetails?.DisplayName).toBe('120 20260302-AAAAA-BBBBB');
  });

  it('retries throttling briefly (the citizen is waiting) and refuses an invalid request at once', async () => {
    connect.on(StartWebRTCContactCommand).rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })).resolves(ANSWER);
    const contacts = createConnectVideoContacts({ client: new ConnectClient({}), instanceId: 'instance-1', contactFlowId: 'flow-video', retry: { sleep: async () => undefined } });
    expect((await contacts.start(request)).started).toBe(true);
    expect(connect.commandCalls(StartWebRTCContactCommand)).toHaveLength(2);

    connect.reset();
    connect.on(StartWebRTCContactCommand).rejects(Object.assign(new Error('bad flow'), { name: 'InvalidRequestException' }));
    await expect(contacts.start(request)).rejects.toBeInstanceOf(ConnectRejectedError);
    expect(connect.commandCalls(StartWebRTCContactCommand)).toHaveLength(1);
  });
});
