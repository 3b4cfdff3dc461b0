/**
 * Environment variable names shared by CDK (which sets them through bind* grants)
 * and the wiring (which reads and validates them once per container).
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  intakeQueueUrl: 'INTAKE_QUEUE_URL',
  mediaBucket: 'MEDIA_BUCKET',
  /** Secrets Manager secret: {"seed":"<64 random chars>"} (keys derived with HKDF) or {"hmacKey","sealKey"} base64. */
  piiSecretArn: 'PII_SECRET_ARN',
  /** Secrets Manager secret: {"accountSid":"AC...","authToken":"..."}. */
  twilioSecretArn: 'TWILIO_SECRET_ARN',
  /** The public origin Twilio signs (scheme://host[:port], no path, no trailing slash). */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** TopicArn that End User Messaging two-way SMS publishes to (checked on HTTPS delivery). */
  smsTopicArn: 'SMS_TOPIC_ARN',
  eventBusName: 'EVENT_BUS_NAME',
  /** 'twilio' or 'aws-eum': which SMS sender replies use. */
  smsSender: 'SMS_SENDER',
  /** End User Messaging origination identity (phone number id/ARN or pool). */
  smsOriginationIdentity: 'SMS_ORIGINATION_IDENTITY',
  /** Twilio sender number for replies (E.164). */
  twilioFromNumber: 'TWILIO_FROM_NUMBER',
  /** Twilio REST API base URL; points tests at a local server. */
  twilioApiBaseUrl: 'TWILIO_API_BASE_URL',
  logLevel: 'LOG_LEVEL',
} as const;
