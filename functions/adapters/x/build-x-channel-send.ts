import type { ComplaintRepository } from '../../core/ports/complaint-repository.ts';
import type { Log } from '../../core/ports/runtime.ts';
import type { ChannelSend } from '../../core/reply.ts';
import type { PrivateChannels } from '../../core/x/private-channel-invitation.ts';
import { xChannelSend } from '../../core/x/x-channel-send.ts';
import { createXClient } from './x-client.ts';
import type { XCredentials } from './x-credentials.ts';
import { TwitterApiV2ReplyPoster } from './x-reply-poster.ts';

export interface XChannelSendParts {
  /** Needs user context (OAuth 1.0a keys or an OAuth 2.0 user access token). */
  credentials: XCredentials;
  apiBaseUrl?: string;
  complaints: Pick<ComplaintRepository, 'getComplaintDetail'>;
  privateChannels: PrivateChannels;
  allowedPublicContacts?: readonly string[];
  log: Log;
}

/** The X sender of the reply use case, for Lambda (wiring/aws/complaints-api.ts) and the local gateway alike. */
export function buildXChannelSend(parts: XChannelSendParts): ChannelSend {
  const client = createXClient(parts.credentials, { mode: 'write', ...(parts.apiBaseUrl ? { apiBaseUrl: parts.apiBaseUrl } : {}) });
  return xChannelSend(
    { poster: new TwitterApiV2ReplyPoster(client), complaints: parts.complaints, log: parts.log },
    { privateChannels: parts.privateChannels, ...(parts.allowedPublicContacts ? { allowedPublicContacts: parts.allowedPublicContacts } : {}) },
  );
}
