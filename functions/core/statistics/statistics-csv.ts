import type { Figures } from './figures.ts';
import type { StatisticsReport } from './statistics-report.ts';

/**
 * The report as CSV in long form, one figure per row (`day,figure,key,value`), so categories,
 * agencies and languages never change the columns. `day` is `total` for the range. UTF-8 with a
 * byte-order mark, so spreadsheet programs read the Korean names right.
 */
export function statisticsCsv(report: StatisticsReport): string {
  const rows: string[][] = [['day', 'figure', 'key', 'value']];
  const add = (day: string, figures: Figures) => {
    const push = (figure: string, key: string, value: number | null) => rows.push([day, figure, key, value === null ? '' : String(value)]);
    const map = (figure: string, values: Record<string, number>) => {
      for (const [key, value] of Object.entries(values)) push(figure, key, value);
    };
    push('contacts', '', figures.contacts.total);
    map('contacts.byChannel', figures.contacts.byChannel);
    map('contacts.byLanguage', figures.contacts.byLanguage);
    push('complaints', '', figures.complaints.total);
    map('complaints.byChannel', figures.complaints.byChannel);
    map('complaints.byLanguage', figures.complaints.byLanguage);
    map('complaints.byCategory', figures.complaints.byCategory);
    map('complaints.byAgency', figures.complaints.byAgency);
    map('complaints.byStatus', figures.complaints.byStatus);
    push('firstContactResolution', 'closed', figures.firstContactResolution.closed);
    push('firstContactResolution', 'resolved', figures.firstContactResolution.resolved);
    push('firstContactResolution', 'rate', figures.firstContactResolution.rate);
    push('firstReply', 'answered', figures.firstReply.answered);
    push('firstReply', 'p50Seconds', figures.firstReply.p50Seconds);
    push('firstReply', 'p90Seconds', figures.firstReply.p90Seconds);
    push('onTime', 'onTime', figures.onTime.onTime);
    push('onTime', 'share', figures.onTime.share);
    push('satisfaction', 'asked', figures.satisfaction.asked);
    push('satisfaction', 'answered', figures.satisfaction.answered);
    push('satisfaction', 'declined', figures.satisfaction.declined);
    push('satisfaction', 'average', figures.satisfaction.average);
    push('satisfaction', 'responseRate', figures.satisfaction.responseRate);
    map('satisfaction.scores', figures.satisfaction.scores);
    push('signLanguage', 'kept', figures.signLanguage.kept);
    push('signLanguage', 'noShow', figures.signLanguage.noShow);
    push('signLanguage', 'cancelled', figures.signLanguage.cancelled);
    push('signLanguage', 'upcoming', figures.signLanguage.upcoming);
    push('happyCalls', 'made', figures.happyCalls.made);
    map('happyCalls.byLanguage', figures.happyCalls.byLanguage);
    map('happyCalls.byOutcome', figures.happyCalls.byOutcome);
    if (figures.voiceQueues.available) {
      for (const [queue, q] of Object.entries(figures.voiceQueues.queues)) {
        push(`voiceQueues.${queue}`, 'handled', q.handled);
        push(`voiceQueues.${queue}`, 'abandonmentRate', q.abandonmentRate);
        push(`voiceQueues.${queue}`, 'avgQueueAnswerSeconds', q.avgQueueAnswerSeconds);
      }
    }
  };
  add('total', report.total);
  for (const day of report.byDay) add(day.day, day);
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a name as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
