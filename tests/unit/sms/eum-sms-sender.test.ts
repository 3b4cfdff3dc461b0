import {
  ConflictException,
  InternalServerException,
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eumSmsSender } from '../../../functions/adapters/sms/eum-sms-sender.ts';
import { PermanentSmsSendError, RetryableSmsSendError } from '../../../functions/adapters/sms/sms-send-errors.ts';
import { SmsRecipientRefusedError } from '../../../functions/core/ports/sms-sender.ts';

const request = { to: '+821055550123', body: '[서울시 120] 답변드립니다 😊', idempotencyKey: 'reply-42' };
const POOL = 'pool-0123456789abcdef0123456789abcdef';

describe('End User Messaging SMS sender', () => {
  const sms = mockClient(PinpointSMSVoiceV2Client);
  let client: PinpointSMSVoiceV2Client;
  beforeEach(() => {
    sms.reset();
    client = new PinpointSMSVoiceV2Client({ region: 'ap-northeast-2', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  });
  afterEach(() => client.destroy());

  it('sends a transactional SendTextMessage and returns its MessageId', async () => {
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'f1e2d3c4-0000-4a4a-9b9b-0123456789ab' });
    const result = await eumSmsSender({ client, originationIdentity: POOL, configurationSetName: 'gateway' }).send(request);
    expect(result).toEqual({ providerMessageId: 'f1e2d3c4-0000-4a4a-9b9b-0123456789ab' });
    const calls = sms.commandCalls(SendTextMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      DestinationPhoneNumber: request.to,
      OriginationIdentity: POOL,
      MessageBody: request.body,
      MessageType: 'TRANSACTIONAL',
      ConfigurationSetName: 'gateway',
      Context: { replyId: 'reply-42' },
    });
  });

  it('sends a reply with the configuration set and its complaint and reply ids as Context, so delivery events come back to it', async () => {
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'a1b2c3d4-0000-4a4a-9b9b-0123456789ab' });
    const result = await eumSmsSender({ client, originationIdentity: POOL, configurationSetName: 'prod-replies' }).send({
      ...request,
      replyRef: { complaintId: 'cmp_01ABC', replyId: 'reply-42' },
    });
    expect(result).toEqual({ providerMessageId: 'a1b2c3d4-0000-4a4a-9b9b-0123456789ab', awaitsDeliveryReport: true });
    expect(sms.commandCalls(SendTextMessageCommand)[0]?.args[0].input).toMatchObject({
      ConfigurationSetName: 'prod-replies',
      Context: { complaintId: 'cmp_01ABC', replyId: 'reply-42' },
    });
  });

  it('tells a destination that opted out (ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT) apart as a known state', async () => {
    sms.on(SendTextMessageCommand).rejects(
      new ConflictException({ message: 'The destination phone number is opted out', Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT', $metadata: { httpStatusCode: 409 } }),
    );
    const error = await eumSmsSender({ client, originationIdentity: POOL }).send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsRecipientRefusedError);
    expect(error).toMatchObject({ reason: 'opted_out', provider: 'aws-eum', code: 'DESTINATION_PHONE_NUMBER_OPTED_OUT' });
  });

  it('maps throttling to a retryable error', async () => {
    sms.on(SendTextMessageCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }));
    const error = await eumSmsSender({ client, originationIdentity: POOL }).send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableSmsSendError);
    expect(error).toMatchObject({ code: 'ThrottlingException', provider: 'aws-eum' });
  });

  it('maps a service fault to a retryable error', async () => {
    sms.on(SendTextMessageCommand).rejects(new InternalServerException({ message: 'boom', $metadata: { httpStatusCode: 500 } }));
    await expect(eumSmsSender({ client, originationIdentity: POOL }).send(request)).rejects.toBeInstanceOf(RetryableSmsSendError);
  });

  it('maps a network failure (no answer at all) to a retryable error', async () => {
    sms.on(SendTextMessageCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'NetworkingError' }));
    await expect(eumSmsSender({ client, originationIdentity: POOL }).send(request)).rejects.toBeInstanceOf(RetryableSmsSendError);
  });

  it('maps a validation error to a permanent error', async () => {
    sms.on(SendTextMessageCommand).rejects(
      new ValidationException({ message: 'Invalid destination', Reason: 'INVALID_PARAMETER', $metadata: { httpStatusCode: 400 } }),
    );
    const error = await eumSmsSender({ client, originationIdentity: POOL }).send(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSmsSendError);
    expect(error).toMatchObject({ code: 'ValidationException', status: 400 });
  });

  it('maps a spend or quota limit to a permanent error', async () => {
    sms.on(SendTextMessageCommand).rejects(
      new ServiceQuotaExceededException({ message: 'spend limit', Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT', $metadata: { httpStatusCode: 402 } }),
    );
    await expect(eumSmsSender({ client, originationIdentity: POOL }).send(request)).rejects.toBeInstanceOf(PermanentSmsSendError);
  });

  it('treats an answer without MessageId as permanent so the SMS is not sent twice', async () => {
    sms.on(SendTextMessageCommand).resolves({});
    await expect(eumSmsSender({ client, originationIdentity: POOL }).send(request)).rejects.toBeInstanceOf(PermanentSmsSendError);
  });
});
