/** Longest category or agency name kept as a counter name (DynamoDB attribute names hold 255 bytes). */
const MAX_LABEL = 60;
export const UNASSIGNED = 'unassigned';

/** A free-text classification as a counter name: spacing collapsed, bounded, `unassigned` when blank. */
export function labelOf(value: string | undefined): string {
  const text = (value ?? '').trim().replace(/\s+/g, ' ');
  return text === '' ? UNASSIGNED : [...text].slice(0, MAX_LABEL).join('');
}
