import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';
import { createEumHttpsHandler } from '../functions/handlers/sms-eum-https.ts';
import { createEumSnsHandler } from '../functions/handlers/sms-eum-sns.ts';
import { createTwilioWebhookHandler } from '../functions/handlers/sms-twilio-webhook.ts';
import { createTwilioStatusHandler, TWILIO_STATUS_ROUTE } from '../functions/handlers/sms-twilio-status.ts';
import type { LocalDeps } from '../functions/wiring/local.ts';
import { lambdaContext, readBody } from './apigw-event.ts';
import { lambdaTarget, sendJson, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

/** SMS/MMS: Twilio's webhook, End User Messaging over SNS HTTPS, and SNS's Lambda delivery played locally. */
export function mountSmsRoutes(router: Router<LocalTarget>, parts: { deps: LocalDeps; smsTopicArn: string }): void {
  const { deps } = parts;
  const eumSnsHandler = createEumSnsHandler(async () => deps.eumSns);
  router
    .add('POST', '/sms/twilio', lambdaTarget('sms-twilio-webhook', createTwilioWebhookHandler(async () => deps.twilioWebhook), { providerWebhook: true }))
    .add('POST', TWILIO_STATUS_ROUTE, lambdaTarget('sms-twilio-status', createTwilioStatusHandler(async () => deps.twilioStatus), { providerWebhook: true }))
    .add('POST', '/sms/aws-eum', lambdaTarget('sms-eum-https', createEumHttpsHandler(async () => deps.eumHttps), { providerWebhook: true }))
    .add('POST', '/local/sns/two-way-sms', {
      // Plays SNS's part for a Lambda subscription: wraps an End User Messaging JSON body in an SNS event.
      kind: 'native',
      providerWebhook: true,
      handle: async (request, response) => {
        const body = (await readBody(request)).toString('utf8');
        try {
          await eumSnsHandler(snsEvent(parts.smsTopicArn, body), lambdaContext('sms-eum-sns'));
          sendJson(response, 202, { accepted: true });
        } catch (error) {
          sendJson(response, 400, { error: error instanceof Error ? error.message : 'rejected' });
        }
      },
    });
}

function snsEvent(topicArn: string, message: string): SNSEvent {
  const messageId = randomUUID();
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: topicArn,
          Subject: '',
          Message: message,
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'https://sns.ap-northeast-2.amazonaws.com/local.pem',
          UnsubscribeUrl: 'https://sns.ap-northeast-2.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}
