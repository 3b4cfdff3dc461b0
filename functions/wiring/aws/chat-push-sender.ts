import type { PushRequestedReplyDeps } from '../../core/push/push-requested-reply.ts';
import { chatConnectionRepository } from './chat-parts.ts';
import { pushReplyDeps } from './push.ts';

export async function chatPushSenderDeps(): Promise<PushRequestedReplyDeps> {
  const push = await pushReplyDeps();
  // CDK gives this function the VAPID secret; without it the deployment is wrong, not the event.
  if (!push) throw new Error('the chat push sender needs VAPID_SECRET_ARN');
  return { ...push, waiting: chatConnectionRepository() };
}
