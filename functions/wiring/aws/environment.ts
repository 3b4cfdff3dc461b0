import * as z from '../../../schemas/zod-mini.ts';
import { ENV } from '../env-names.ts';

type EnvKey = keyof typeof ENV;

/**
 * Reads and validates the named variables once; a missing one fails the cold start loudly
 * with its name, instead of an undefined deep inside a use case.
 */
export function readEnvironment<K extends EnvKey>(keys: readonly K[], env: NodeJS.ProcessEnv = process.env): Record<K, string> {
  const shape = Object.fromEntries(keys.map((key) => [ENV[key], z.string().check(z.minLength(1, `${ENV[key]} is empty`))]));
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const missing = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`missing or empty environment variable(s): ${missing}`);
  }
  const values = result.data as Record<string, string>;
  return Object.fromEntries(keys.map((key) => [key, values[ENV[key]] as string])) as Record<K, string>;
}
