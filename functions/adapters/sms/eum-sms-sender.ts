import { SendTextMessageCommand, type PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PROVIDER_MAX_BODY_CHARS, SmsRecipientRefusedError, type SmsSender, type SmsSendRequest } from '../../core/ports/sms-sender.ts';
import { PermanentSmsSendError, RetryableSmsSendError } from './sms-send-errors.ts';

export interface EumSmsSenderOptions {
  client: PinpointSMSVoiceV2Client;
  /** Phone number, its id/ARN, or a pool id/ARN. */
  originationIdentity: string;
  configurationSetName?: string;
}

const PROVIDER = 'aws-eum';

// Faults that go away on their own; everything else is a request the service will keep refusing.
const RETRYABLE_ERRORS = new Set(['ThrottlingException', 'InternalServerException', 'ServiceUnavailableException', 'RequestTimeout', 'TimeoutError']);

/** Sends through AWS End User Messaging SMS (SendTextMessage). */
export function eumSmsSender(options: EumSmsSenderOptions): SmsSender {
  return {
    name: PROVIDER,
    maxBodyUnits: PROVIDER_MAX_BODY_CHARS,
    async send(request: SmsSendRequest) {
      try {
        const output = await options.client.send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: request.to,
            OriginationIdentity: options.originationIdentity,
            MessageBody: request.body,
            MessageType: 'TRANSACTIONAL',
            ...(options.configurationSetName ? { ConfigurationSetName: options.configurationSetName } : {}),
            // Logged to the event destination with every delivery event: ties the event back to the reply.
            Context: request.replyRef ? { complaintId: request.replyRef.complaintId, replyId: request.replyRef.replyId } : { replyId: request.idempotencyKey },
          }),
        );
        if (!output.MessageId) {
          throw new PermanentSmsSendError('SendTextMessage returned no MessageId', { provider: PROVIDER });
        }
        // Events reach us only through the configuration set's event destination.
        return { providerMessageId: output.MessageId, ...(options.configurationSetName && request.replyRef ? { awaitsDeliveryReport: true } : {}) };
      } catch (error) {
        if (error instanceof PermanentSmsSendError || error instanceof SmsRecipientRefusedError) throw error;
        throw classify(error);
      }
    },
  };
}

interface SdkErrorShape {
  name?: string;
  Reason?: string;
  $fault?: 'client' | 'server';
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function classify(error: unknown): RetryableSmsSendError | PermanentSmsSendError | SmsRecipientRefusedError {
  const sdk = (error && typeof error === 'object' ? error : {}) as SdkErrorShape;
  const name = sdk.name ?? 'UnknownError';
  // SendTextMessage answers a destination on the opt-out list with ConflictException, Reason DESTINATION_PHONE_NUMBER_OPTED_OUT.
  if (name === 'ConflictException' && sdk.Reason === 'DESTINATION_PHONE_NUMBER_OPTED_OUT') {
    return new SmsRecipientRefusedError('opted_out', PROVIDER, sdk.Reason, 'SendTextMessage refused: the destination opted out', { cause: error });
  }
  const status = sdk.$metadata?.httpStatusCode;
  const details = { provider: PROVIDER, code: name, ...(status !== undefined ? { status } : {}) };
  const message = `SendTextMessage failed: ${name}`;
  const retryable =
    RETRYABLE_ERRORS.has(name) ||
    sdk.$retryable !== undefined ||
    sdk.$fault === 'server' ||
    // No fault and no answer: the call failed on the way (network, DNS), worth another try.
    (sdk.$fault === undefined && (status === undefined || status === 429 || status >= 500));
  return retryable ? new RetryableSmsSendError(message, details, { cause: error }) : new PermanentSmsSendError(message, details, { cause: error });
}
