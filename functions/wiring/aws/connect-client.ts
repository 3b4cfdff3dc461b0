import { ConnectClient } from '@aws-sdk/client-connect';
import * as z from '../../../schemas/zod-mini.ts';
import { QUEUE_KEYS, type QueueKey } from '../../core/voice/language-routing.ts';

let connect: ConnectClient | undefined;

/** The container's Amazon Connect client; retries are ours (withConnectRetry), not the SDK's. */
export function connectClient(): ConnectClient {
  connect ??= new ConnectClient({ maxAttempts: 1 });
  return connect;
}

/** Last path segment of a Connect ARN: instance/<id>, .../contact-flow/<id>, .../queue/<id>. */
export function connectIdFromArn(arn: string, kind: 'instance' | 'contact-flow' | 'queue'): string {
  const match = new RegExp(`:instance/([^/]+)${kind === 'instance' ? '$' : `/${kind}/([^/]+)$`}`).exec(arn);
  const id = kind === 'instance' ? match?.[1] : match?.[2];
  if (!id) throw new Error(`not an Amazon Connect ${kind} ARN: ${arn}`);
  return id;
}

const QueueArnsSchema = z.record(z.enum(QUEUE_KEYS), z.string().check(z.minLength(1)));

/** CONNECT_QUEUE_ARNS -> queue ids by key; every routed language must have one. */
export function queueIdsFrom(json: string): Record<QueueKey, string> {
  const parsed = QueueArnsSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`CONNECT_QUEUE_ARNS is not a map of queue key to ARN: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return Object.fromEntries(QUEUE_KEYS.map((key) => [key, connectIdFromArn(parsed.data[key], 'queue')])) as Record<QueueKey, string>;
}
