import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_LAMBDA_ENTRIES } from '../../lib/function-catalog.ts';
import { REPO_ROOT } from '../../lib/constructs/gateway-function.ts';

/** Handlers that no stack deploys, and why. */
const NOT_DEPLOYED: Record<string, string> = {
  // The stacks subscribe the Lambda to the SNS topic directly (sms-eum-sns); the HTTPS endpoint serves the local gateway.
  'functions/handlers/sms-eum-https.ts': 'local gateway only',
};

describe('the Lambda catalog', () => {
  it('lists every deployed handler of functions/handlers exactly once', () => {
    const handlers = readdirSync(join(REPO_ROOT, 'functions/handlers'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `functions/handlers/${file}`)
      .filter((entry) => !(entry in NOT_DEPLOYED))
      .sort();
    const entries = ALL_LAMBDA_ENTRIES.map((fn) => fn.entry);
    expect([...entries].sort()).toEqual(handlers);
    expect(new Set(ALL_LAMBDA_ENTRIES.map((fn) => fn.name)).size).toBe(ALL_LAMBDA_ENTRIES.length);
  });

  it('covers SMS x6 (webhooks, status callbacks, End User Messaging inbound and events, MO relay), pipeline, staff authorizer, complaints API, reply retry, knowledge x2, self-service x2, X x2, chat x5, reservations x2, voice x6, the overdue counter, audit x2 and the analytics export', () => {
    expect(ALL_LAMBDA_ENTRIES).toHaveLength(12 + 2 + 5 + 1 + 2 + 6 + 1 + 2 + 1);
    expect(ALL_LAMBDA_ENTRIES.map((fn) => fn.name)).toEqual(
      expect.arrayContaining(['sms-twilio-webhook', 'sms-mo-webhook', 'intake-pipeline', 'staff-authorizer', 'complaints-api', 'knowledge-search', 'knowledge-api', 'self-service-answers', 'self-service-stats', 'x-deletion-sweep', 'chat-accounts', 'reservation-task', 'connect-reply-stream', 'overdue-metric', 'analytics-export']),
    );
  });

  it('marks as synchronous exactly the functions a citizen waits on (the stricter cold-start budget, ADR 0008)', () => {
    expect(ALL_LAMBDA_ENTRIES.filter((fn) => fn.synchronous).map((fn) => fn.name)).toEqual([
      'sms-twilio-webhook',
      'sms-eum-sns',
      'sms-mo-webhook',
      'chat-authorizer',
      'chat-connect',
      'chat-message',
      'self-service-answers',
      'connect-contact-start',
    ]);
  });
});
