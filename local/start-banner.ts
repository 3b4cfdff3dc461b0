import type { LocalConfig } from './config.ts';
import type { LocalGateway } from './gateway.ts';
import { LOCAL_TWILIO_AUTH_TOKEN, LOCAL_USER_PASSWORD } from './config.ts';

/** What `npm start` prints: every URL a newcomer needs, pages first. */
export function startBanner(gateway: Pick<LocalGateway, 'url' | 'dynamoEndpoint' | 'translatorName' | 'staff'>, config: LocalConfig): string {
  const token = config.TWILIO_AUTH_TOKEN === LOCAL_TWILIO_AUTH_TOKEN ? 'the documented local default' : 'from TWILIO_AUTH_TOKEN';
  const lines = [
    'citizen contact gateway (local) is up',
    `  counselor app     ${gateway.url}/console/`,
    `  citizen chat page ${gateway.url}/chat/`,
    `  health            ${gateway.url}/health`,
    `  Twilio webhook    ${config.PUBLIC_BASE_URL ? config.publicBaseUrl : gateway.url}/sms/twilio   (auth token: ${token})`,
    `  SNS (EUM) HTTPS   ${gateway.url}/sms/aws-eum`,
    `  staff sign-in     ${gateway.staff.config.endpoint}   (cognito-local; users ${gateway.staff.config.users.map((user) => user.username).join(', ')})`,
    `                    password: ${config.LOCAL_USER_PASSWORD === LOCAL_USER_PASSWORD ? `${LOCAL_USER_PASSWORD} (the documented local default)` : 'from LOCAL_USER_PASSWORD'}; a token for curl: npm run -s token -- counselor`,
    `  complaints API    ${gateway.url}/api/complaints   (Authorization: Bearer <id token>)`,
    `  outbox            ${gateway.url}/api/outbox`,
    `  dead letters      ${gateway.url}/api/dead-letters`,
    `  audit trail       ${gateway.url}/api/audit   (auditors; digests under ${config.dataDir}/audit, sealed at 00:30 KST or POST /local/audit/digest)`,
    `  DynamoDB          ${gateway.dynamoEndpoint}   (aws dynamodb scan --table-name ${config.TABLE_NAME} --endpoint-url ${gateway.dynamoEndpoint})`,
    `  data dir          ${config.dataDir}   (npm run sms finds this gateway through it)`,
    `  translation       ${gateway.translatorName}`,
  ];
  return `${lines.join('\n')}\n`;
}
