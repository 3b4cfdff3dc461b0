import { QUEUE_KEYS, type QueueKey } from '../../../functions/core/voice/language-routing.ts';

/** Display names of the queues and routing profiles, one per language plus sign language. */
export const QUEUE_NAMES: Record<QueueKey, string> = {
  ko: '120-Korean',
  en: '120-English',
  zh: '120-Chinese',
  ja: '120-Japanese',
  vi: '120-Vietnamese',
  mn: '120-Mongolian',
  sign: '120-SignLanguage',
};
export { QUEUE_KEYS };

/** Contacts one queue holds before TransferContactToQueue takes the at-capacity (callback) branch. */
export const DEFAULT_MAX_CONTACTS_PER_QUEUE = 60;

/** One call at a time, a few chats and tasks alongside: counselors also see SMS/X complaints. */
export const MEDIA_CONCURRENCY = [
  { channel: 'VOICE', concurrency: 1 },
  { channel: 'CHAT', concurrency: 3 },
  { channel: 'TASK', concurrency: 3 },
] as const;

export const COUNSELOR_PERMISSIONS = ['BasicAgentAccess', 'OutboundCallAccess'];
export const SUPERVISOR_PERMISSIONS = ['BasicAgentAccess', 'OutboundCallAccess', 'AccessMetrics', 'ContactSearch.View', 'Queues.View', 'Users.View'];

export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export const SEOUL_TIME_ZONE = 'Asia/Seoul';
