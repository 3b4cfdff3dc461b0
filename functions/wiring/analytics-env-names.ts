/** Set by lib/constructs/analytics.ts on the export job. */
export const ANALYTICS_ENV = {
  complaintTableArn: 'COMPLAINT_TABLE_ARN',
  auditTableArn: 'AUDIT_TABLE_ARN',
  /** Raw DynamoDB exports and the job's markers (only the job reads it). */
  exportBucket: 'EXPORT_BUCKET',
  /** The key raw exports are written with (the stage key). */
  exportKeyArn: 'EXPORT_KEY_ARN',
  /** Masked rows (curated/) and Athena results. */
  analyticsBucket: 'ANALYTICS_BUCKET',
  glueDatabase: 'GLUE_DATABASE',
  athenaWorkGroup: 'ATHENA_WORKGROUP',
} as const;
