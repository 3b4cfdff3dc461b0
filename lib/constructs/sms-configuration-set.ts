import type { StageConfig } from '../config/stage-config.ts';

/**
 * The End User Messaging configuration set replies are sent with: its event destination reports
 * their delivery. A fixed name per stage, so the functions that send need no reference to the
 * SMS stack that creates it.
 */
export function replyConfigurationSetName(config: Pick<StageConfig, 'name'>): string {
  return `${config.name}-sms-replies`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64);
}
