/**
 * 수정일시 and updatedAt as files write them: ISO 8601 with a zone, or a Korean local time
 * without one ("2024-03-05", "2024-03-05 14:20:00", "2024.03.05", "20240305", "20240305142000"),
 * which is read as KST. Returns a UTC ISO string, or null when it is not a real date and time.
 */
const LOCAL = /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})\.?(?:[ T]?(\d{2}):?(\d{2})(?::?(\d{2})(?:\.\d+)?)?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function parseSourceDate(value: string): string | null {
  const text = value.trim();
  if (ZONED.test(text)) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? null : at.toISOString();
  }
  const m = LOCAL.exec(text);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second! > 59) return null;
  const utc = Date.UTC(year!, month! - 1, day!, hour! - 9, minute!, second!);
  const check = new Date(utc + 9 * 3600_000);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month! - 1) return null;
  return new Date(utc).toISOString();
}
