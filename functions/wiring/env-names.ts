/**
 * Environment variable names shared by CDK (which sets them through bind* grants)
 * and the wiring (which reads and validates them once per container).
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  intakeQueueUrl: 'INTAKE_QUEUE_URL',
  /** The queue held replies' translation retries wait on (complaints API stack); optional for reply senders. */
  replyRetryQueueUrl: 'REPLY_RETRY_QUEUE_URL',
  mediaBucket: 'MEDIA_BUCKET',
  /** Optional, comma-separated https origins of other providers' media, beyond Twilio's own. */
  mediaAllowedOrigins: 'MEDIA_ALLOWED_ORIGINS',
  /** Secrets Manager secret: {"seed":"<64 random chars>"} (keys derived with HKDF) or {"hmacKey","sealKey"} base64. */
  piiSecretArn: 'PII_SECRET_ARN',
  /** Secrets Manager secret: {"accountSid":"AC...","authToken":"..."}. */
  twilioSecretArn: 'TWILIO_SECRET_ARN',
  /** The public origin Twilio signs (scheme://host[:port], no path, no trailing slash). */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** Secrets Manager secret: {"current":"...","previous"?:"..."}, the MO webhook's signing keys. */
  moWebhookSecretArn: 'MO_WEBHOOK_SECRET_ARN',
  /** TopicArn that End User Messaging two-way SMS publishes to (checked on HTTPS delivery). */
  smsTopicArn: 'SMS_TOPIC_ARN',
  eventBusName: 'EVENT_BUS_NAME',
  /** 'twilio' or 'aws-eum': which SMS sender replies use. */
  smsSender: 'SMS_SENDER',
  /** End User Messaging origination identity (phone number id/ARN or pool). */
  smsOriginationIdentity: 'SMS_ORIGINATION_IDENTITY',
  /** Twilio sender number for replies (E.164). */
  twilioFromNumber: 'TWILIO_FROM_NUMBER',
  /** Where Twilio posts reply status callbacks (the SMS stack's status route, without the reply ids); optional. */
  twilioStatusCallbackUrl: 'TWILIO_STATUS_CALLBACK_URL',
  /** End User Messaging configuration set whose event destination reports reply delivery; optional. */
  smsConfigurationSet: 'SMS_CONFIGURATION_SET',
  /** Twilio REST API base URL; points tests at a local server. */
  twilioApiBaseUrl: 'TWILIO_API_BASE_URL',
  logLevel: 'LOG_LEVEL',
  /** Comma-separated KST days (YYYY-MM-DD) processing periods do not count: the stage's publicHolidays. */
  publicHolidays: 'PUBLIC_HOLIDAYS',
  /** Amazon Connect instance ARN (voice stack); the wiring derives the instance id from it. */
  connectInstanceArn: 'CONNECT_INSTANCE_ARN',
  /** ARN of the generated chat/task flow agent-workspace contacts start in. */
  connectChatFlowArn: 'CONNECT_CHAT_FLOW_ARN',
  /** ARN of the generated sign-language video flow citizens' video calls start in. */
  connectVideoFlowArn: 'CONNECT_VIDEO_FLOW_ARN',
  /** ARN of the generated happy-call flow outbound calls run. */
  connectHappyCallFlowArn: 'CONNECT_HAPPY_CALL_FLOW_ARN',
  /** JSON object queue key (ko, en, zh, ja, vi, mn, sign) -> Connect queue ARN. */
  connectQueueArns: 'CONNECT_QUEUE_ARNS',
  /** Standard SNS topic StartContactStreaming publishes agent-workspace chat messages to. */
  connectChatStreamTopicArn: 'CONNECT_CHAT_STREAM_TOPIC_ARN',
  /** The append-only audit table (access records of personal data). */
  auditTableName: 'AUDIT_TABLE_NAME',
  /** The Object Lock bucket holding the audit trail's daily digests. */
  auditDigestBucket: 'AUDIT_DIGEST_BUCKET',
  /** Optional: hash chains per KST day for new access records (1-64, default 8). */
  auditShards: 'AUDIT_SHARDS',
  /** Optional: working hours for the monthly review, KST, `HH-HH` (default 09-18). */
  auditWorkingHours: 'AUDIT_WORKING_HOURS',
  /** Optional: ISO weekdays worked, comma-separated (1 = Monday; default 1,2,3,4,5). */
  auditWorkingDays: 'AUDIT_WORKING_DAYS',
  /** Optional: KST days off for the monthly review (public holidays), comma-separated YYYY-MM-DD. */
  auditHolidays: 'AUDIT_HOLIDAYS',
  /** Cognito user pool of counselors, supervisors and auditors (the staff authorizer verifies its id tokens). */
  staffUserPoolId: 'STAFF_USER_POOL_ID',
  /** Comma-separated app client ids whose id tokens the staff API accepts. */
  staffClientIds: 'STAFF_CLIENT_IDS',
  /** Optional: the counselor workspace app's origin (https://<distribution>), answered with CORS headers. */
  staffAppOrigin: 'STAFF_APP_ORIGIN',
  /** Optional: the counselor workspace app's URL; Connect tasks link to their complaint in it. */
  workspaceAppUrl: 'WORKSPACE_APP_URL',
  /** The bucket holding the serialized knowledge search index (under knowledge-index/: the media bucket). */
  knowledgeIndexBucket: 'KNOWLEDGE_INDEX_BUCKET',
  /** Secrets Manager secret: {"keys":"name:key,name:key"}, the api keys of partner apps (Open311). */
  open311ApiKeysSecretArn: 'OPEN311_API_KEYS_SECRET_ARN',
  /** The key of the city's own site (stage config; identifies the app, not a secret). */
  open311WebClientKey: 'OPEN311_WEB_CLIENT_KEY',
  /** The jurisdiction_id the Open311 API serves, e.g. seoul.go.kr. */
  open311JurisdictionId: 'OPEN311_JURISDICTION_ID',
  /** Optional: the Open311 API's public base URL (custom domain); else derived from each request. */
  open311PublicBaseUrl: 'OPEN311_PUBLIC_BASE_URL',
  /** Optional, comma-separated https origins Open311 media_url links may be fetched from (pipeline). */
  open311MediaAllowedOrigins: 'OPEN311_MEDIA_ALLOWED_ORIGINS',
  /** `production` or `test`: what Service Discovery says of the endpoint. */
  open311EndpointType: 'OPEN311_ENDPOINT_TYPE',
  /** Set by Lambda itself. */
  region: 'AWS_REGION',
} as const;
