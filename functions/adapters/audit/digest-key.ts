/** Where a day's digest lives in the bucket or folder: one object per KST day, grouped by year. */
export function digestKey(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError('digest day must be YYYY-MM-DD');
  return `digests/${day.slice(0, 4)}/${day}.json`;
}
