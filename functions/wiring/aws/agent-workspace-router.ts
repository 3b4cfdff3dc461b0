import { createParticipantService, participantServiceUrl } from '../../adapters/connect/participant-service.ts';
import { createChatContactStarter } from '../../adapters/connect/start-chat-contact.ts';
import { createTaskContactStarter } from '../../adapters/connect/start-task-contact.ts';
import { createConnectContactLinks } from '../../adapters/voice/connect-contact-links.ts';
import { createChatStreaming } from '../../adapters/voice/start-contact-streaming.ts';
import { createWorkspaceChats } from '../../adapters/voice/workspace-chats.ts';
import type { AgentWorkspaceDeps } from '../../core/voice/agent-workspace.ts';
import { complaintRepository } from './complaints.ts';
import { connectClient, connectIdFromArn } from './connect-client.ts';
import { documentClient } from './dynamo-client.ts';
import { readEnvironment } from './environment.ts';
import { clock, log } from './log-and-clock.ts';
import { piiProtector } from './pii.ts';
import { ENV } from '../env-names.ts';

/** A task's reference opens its complaint in the workspace app (`#complaint=<id>`), when the stage has the app. */
function workspaceAppLink(): { complaintUrl?: (complaintId: string) => string } {
  const base = process.env[ENV.workspaceAppUrl]?.trim();
  if (!base) return {};
  if (!/^https:\/\//.test(base)) throw new Error(`environment variable ${ENV.workspaceAppUrl} must be an https URL`);
  return { complaintUrl: (complaintId) => `${base}#complaint=${encodeURIComponent(complaintId)}` };
}

/** Router: complaint table reads, Connect chat/task starts and streaming, contact links, follow-ups into live chats. */
export async function agentWorkspaceDeps(): Promise<AgentWorkspaceDeps> {
  const env = readEnvironment(['tableName', 'connectInstanceArn', 'connectChatFlowArn', 'connectChatStreamTopicArn']);
  const region = process.env.AWS_REGION;
  if (!region) throw new Error('missing or empty environment variable(s): AWS_REGION');
  const client = connectClient();
  const instanceId = connectIdFromArn(env.connectInstanceArn, 'instance');
  const contactFlowId = connectIdFromArn(env.connectChatFlowArn, 'contact-flow');
  return {
    repository: complaintRepository(),
    chat: createChatContactStarter({ client, instanceId, contactFlowId }),
    task: createTaskContactStarter({ client, instanceId, contactFlowId, ...workspaceAppLink() }),
    streaming: createChatStreaming({ client, instanceId, topicArn: env.connectChatStreamTopicArn }),
    links: createConnectContactLinks(documentClient(), env.tableName),
    chats: createWorkspaceChats(documentClient(), env.tableName),
    participant: createParticipantService({ baseUrl: participantServiceUrl(region) }),
    // The chat's participant token is kept sealed with the PII key.
    pii: await piiProtector(),
    clock,
    log,
  };
}
