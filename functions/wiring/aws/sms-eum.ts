import { httpsCertificateFetcher } from '../../adapters/sms/https-certificate-fetcher.ts';
import { createSnsMessageVerifier } from '../../channels/sms/sns-signature.ts';
import type { EumHttpsDeps } from '../deps/sms-eum-https.ts';
import type { EumSnsDeps } from '../deps/sms-eum-sns.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { intakeQueue } from './sqs-intake.ts';

export async function eumSnsDeps(): Promise<EumSnsDeps> {
  const { smsTopicArn } = readEnvironment(['smsTopicArn']);
  return { log, clock, intake: intakeQueue(), expectedTopicArn: smsTopicArn };
}

export async function eumHttpsDeps(): Promise<EumHttpsDeps> {
  const { smsTopicArn } = readEnvironment(['smsTopicArn']);
  return {
    log,
    clock,
    intake: intakeQueue(),
    verifier: createSnsMessageVerifier({ expectedTopicArn: smsTopicArn, fetcher: httpsCertificateFetcher() }),
    confirmSubscription: async (subscribeUrl) => {
      const response = await fetch(subscribeUrl, { redirect: 'error', signal: AbortSignal.timeout(5000) });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`SNS subscription confirmation answered ${response.status}`);
    },
  };
}
