import { ENV } from '../env-names.ts';

/**
 * The counselor workspace app's origin, set by the staff API construct on every staff handler
 * (lib/constructs/staff-api.ts); unset, no browser origin gets CORS headers. Refused unless it is
 * an https origin: a typo must not silently open the API to another page.
 */
export function staffAppOrigins(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  const value = env[ENV.staffAppOrigin]?.trim();
  if (!value) return [];
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(value)) throw new Error(`environment variable ${ENV.staffAppOrigin} must be an https origin (https://host)`);
  return [value];
}
