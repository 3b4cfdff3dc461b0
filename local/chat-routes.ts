import { join } from 'node:path';
import type { LocalChat } from './chat-websocket.ts';
import { lambdaTarget, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';
import { staticFiles } from './static-files.ts';

/** The chat accounts API Lambda's routes and the citizen chat page (the WebSocket is attached to the server). */
export function mountChatRoutes(router: Router<LocalTarget>, chat: LocalChat, webRoot: string): void {
  const api = lambdaTarget('chat-accounts-api', chat.accountsApi);
  router.addRoutes(chat.accountRoutes, api);
  router.addPrefix('GET', '/chat/', { kind: 'native', handle: staticFiles(join(webRoot, 'chat'), '/chat/') });
}
