/**
 * Amazon Connect's own queue metrics for voice (GetMetricDataV2), one snapshot per KST day and
 * queue, written by the daily reader; replaced whole when re-read (the source is Connect).
 */
export interface VoiceQueueFigures {
  /** CONTACTS_HANDLED */
  readonly handled: number;
  /** CONTACTS_QUEUED */
  readonly queued: number;
  /** CONTACTS_ABANDONED */
  readonly abandoned: number;
  /** ABANDONMENT_RATE, percent; null when Connect could not compute it. */
  readonly abandonmentRate: number | null;
  /** AVG_QUEUE_ANSWER_TIME, seconds; null when no contact was answered. */
  readonly avgQueueAnswerSeconds: number | null;
}

export interface VoiceQueueDay {
  readonly day: string;
  readonly readAt: string;
  /** By queue key (ko, en, ..., sign-language). */
  readonly queues: Readonly<Record<string, VoiceQueueFigures>>;
}

/** Several days of one queue: counts add up; the rate and the average are recomputed from them. */
export function combineVoiceFigures(days: readonly VoiceQueueFigures[]): VoiceQueueFigures {
  const handled = days.reduce((s, d) => s + d.handled, 0);
  const queued = days.reduce((s, d) => s + d.queued, 0);
  const abandoned = days.reduce((s, d) => s + d.abandoned, 0);
  const answered = days.filter((d) => d.avgQueueAnswerSeconds !== null && d.handled > 0);
  const weight = answered.reduce((s, d) => s + d.handled, 0);
  return {
    handled,
    queued,
    abandoned,
    abandonmentRate: queued > 0 ? round2((abandoned / queued) * 100) : null,
    avgQueueAnswerSeconds: weight > 0 ? round2(answered.reduce((s, d) => s + (d.avgQueueAnswerSeconds ?? 0) * d.handled, 0) / weight) : null,
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
