import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/*
 * Cloud assemblies of the infra tests (~75 MB each with the function bundles): removed after the
 * test file that made them, so repeated runs do not fill the disk. Registered when a test file
 * imports this module (vitest isolates modules per file).
 */
const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh cdk.out folder for an App, removed when the current test file ends. */
export function cdkOutdir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
