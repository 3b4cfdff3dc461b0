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

  // Every handler file has its entry (the test above); these are the ones each area must keep.
  it('covers the SMS webhooks, pipeline, staff API, X, chat, reservations, voice, deadlines, audit, analytics, Open311, knowledge, self-service answers, video calls, notices, Web Push and statistics', () => {
    expect(ALL_LAMBDA_ENTRIES.map((fn) => fn.name)).toEqual(
      expect.arrayContaining(['sms-twilio-webhook', 'sms-mo-webhook', 'intake-pipeline', 'staff-authorizer', 'complaints-api', 'reply-retry', 'x-deletion-sweep', 'chat-accounts', 'reservation-task', 'connect-reply-stream', 'overdue-metric', 'audit-api', 'analytics-export', 'open311-api', 'knowledge-search', 'knowledge-api', 'self-service-answers', 'self-service-stats', 'video-calls-api', 'notice-events', 'notice-sweeper', 'public-status', 'chat-push', 'chat-push-sender', 'statistics-api', 'statistics-rollup', 'statistics-reconcile', 'satisfaction-survey']),
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
      'video-calls-api',
      'public-status',
    ]);
  });
});
