import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a second terminal finds the gateway: its URL and the URL Twilio signs (no secrets). */
export interface RunningGateway {
  url: string;
  publicBaseUrl: string;
  pid: number;
}

const FILE = 'gateway.json';

/** Written once the gateway listens, removed when it closes. */
export async function announceRunningGateway(dataDir: string, gateway: RunningGateway): Promise<() => Promise<void>> {
  const file = join(dataDir, FILE);
  await writeFile(file, `${JSON.stringify(gateway)}\n`);
  return () => rm(file, { force: true });
}

/** The gateway started on this data dir, if one announced itself (it may have died since). */
export async function findRunningGateway(dataDir: string): Promise<RunningGateway | null> {
  try {
    const value = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as Partial<RunningGateway>;
    return typeof value.url === 'string' && typeof value.publicBaseUrl === 'string' ? { url: value.url, publicBaseUrl: value.publicBaseUrl, pid: Number(value.pid) } : null;
  } catch {
    return null;
  }
}
