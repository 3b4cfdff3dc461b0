import { breakdown, count, EMPTY, type Counters } from './counters.ts';
import { percentileSeconds } from './first-reply-buckets.ts';
import type { RollupKind } from './model.ts';
import { combineVoiceFigures, type VoiceQueueDay, type VoiceQueueFigures } from './voice-queues.ts';

/** The figures of a day or a range, all computed from summed counters (docs/operations/statistics.md). */
export interface Figures {
  contacts: { total: number; byChannel: Record<string, number>; byLanguage: Record<string, number> };
  complaints: {
    total: number;
    byChannel: Record<string, number>;
    byLanguage: Record<string, number>;
    byCategory: Record<string, number>;
    byAgency: Record<string, number>;
    byStatus: Record<string, number>;
  };
  firstContactResolution: { closed: number; resolved: number; rate: number | null };
  firstReply: { answered: number; p50Seconds: number | null; p90Seconds: number | null };
  onTime: { answered: number; onTime: number; share: number | null };
  satisfaction: { asked: number; answered: number; declined: number; average: number | null; responseRate: number | null; scores: Record<string, number> };
  signLanguage: { kept: number; noShow: number; cancelled: number; upcoming: number };
  happyCalls: { made: number; byLanguage: Record<string, number>; byOutcome: Record<string, number> };
  voiceQueues: { available: false; reason: string } | { available: true; days: number; queues: Record<string, VoiceQueueFigures> };
}

export type CountersByKind = Partial<Record<RollupKind, Counters>>;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export const VOICE_NOT_AVAILABLE = 'Amazon Connect queue metrics are read daily in AWS; not available in a local run';

export function figuresOf(byKind: CountersByKind, voice: { available: boolean; days: readonly VoiceQueueDay[] }): Figures {
  const contacts = byKind.contacts ?? EMPTY;
  const complaints = byKind.complaints ?? EMPTY;
  const reservations = byKind.reservations ?? EMPTY;
  const happyCalls = byKind['happy-calls'] ?? EMPTY;
  const answered = count(complaints, 'answered');
  const closed = count(complaints, 'closed');
  const resolved = count(complaints, 'fcr');
  const histogram = breakdown(complaints, 'firstReply.');
  const surveyAsked = count(complaints, 'survey.asked');
  const surveyAnswered = count(complaints, 'survey.answered');
  return {
    contacts: { total: count(contacts, 'contacts'), byChannel: breakdown(contacts, 'channel.'), byLanguage: breakdown(contacts, 'language.') },
    complaints: {
      total: count(complaints, 'complaints'),
      byChannel: breakdown(complaints, 'channel.'),
      byLanguage: breakdown(complaints, 'language.'),
      byCategory: breakdown(complaints, 'category.'),
      byAgency: breakdown(complaints, 'agency.'),
      byStatus: breakdown(complaints, 'status.'),
    },
    firstContactResolution: { closed, resolved, rate: ratio(resolved, closed) },
    firstReply: { answered, p50Seconds: percentileSeconds(histogram, 0.5), p90Seconds: percentileSeconds(histogram, 0.9) },
    onTime: { answered, onTime: count(complaints, 'onTime'), share: ratio(count(complaints, 'onTime'), answered) },
    satisfaction: {
      asked: surveyAsked,
      answered: surveyAnswered,
      declined: count(complaints, 'survey.declined'),
      average: surveyAnswered > 0 ? Math.round((count(complaints, 'survey.scoreSum') / surveyAnswered) * 100) / 100 : null,
      responseRate: ratio(surveyAnswered, surveyAsked),
      scores: breakdown(complaints, 'survey.score.'),
    },
    signLanguage: {
      kept: count(reservations, 'kept'),
      noShow: count(reservations, 'noShow'),
      cancelled: count(reservations, 'cancelled'),
      upcoming: count(reservations, 'upcoming'),
    },
    happyCalls: { made: count(happyCalls, 'made'), byLanguage: breakdown(happyCalls, 'language.'), byOutcome: breakdown(happyCalls, 'outcome.') },
    voiceQueues: voice.available ? { available: true, days: voice.days.length, queues: voiceQueues(voice.days) } : { available: false, reason: VOICE_NOT_AVAILABLE },
  };
}

function voiceQueues(days: readonly VoiceQueueDay[]): Record<string, VoiceQueueFigures> {
  const names = [...new Set(days.flatMap((day) => Object.keys(day.queues)))].sort();
  return Object.fromEntries(names.map((name) => [name, combineVoiceFigures(days.flatMap((day) => (day.queues[name] ? [day.queues[name]] : [])))]));
}
