import type { ChatAccountRepository } from '../../core/chat/ports.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';

export interface ChatAuthorizerDeps {
  accounts: ChatAccountRepository;
  clock: Clock;
  log: Log;
}
