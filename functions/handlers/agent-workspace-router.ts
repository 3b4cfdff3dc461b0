import middy from '@middy/core';
import * as z from '../../schemas/zod-mini.ts';
import { putInAgentWorkspace, type AgentWorkspaceDeps, type WorkspaceOutcome } from '../core/voice/agent-workspace.ts';
import { lazy } from './shared/lazy.ts';
import { agentWorkspaceDeps } from '../wiring/aws/agent-workspace-router.ts';

/** The gateway's own `message.stored` domain event as EventBridge delivers it (eventbridge-publisher.ts). */
export const MessageStoredEventSchema = z.looseObject({
  source: z.literal('citizen-contact-gateway'),
  'detail-type': z.literal('message.stored'),
  detail: z.object({
    type: z.literal('message.stored'),
    complaintId: z.string().check(z.minLength(1)),
    messageId: z.string().check(z.minLength(1)),
    channel: z.string().check(z.minLength(1)),
    at: z.string(),
  }),
});

/**
 * Rule target on the gateway event bus (message.stored for sms, chat and x). Connect throttling
 * is retried with backoff inside; anything still failing throws, EventBridge retries the
 * asynchronous invocation and the rule target's DLQ keeps what never succeeds.
 */
export function createAgentWorkspaceRouterHandler(getDeps: () => Promise<AgentWorkspaceDeps>) {
  return middy(async (event: unknown): Promise<WorkspaceOutcome> => {
    const deps = await getDeps();
    const parsed = MessageStoredEventSchema.safeParse(event);
    if (!parsed.success) {
      deps.log.warn('agent-workspace router ignored an event that is not message.stored', {
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`),
      });
      return { status: 'ignored', reason: 'not a message.stored event' };
    }
    return putInAgentWorkspace(deps, parsed.data.detail);
  });
}

export const handler = createAgentWorkspaceRouterHandler(lazy(agentWorkspaceDeps));
