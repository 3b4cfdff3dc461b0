import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HandleKindSchema } from '../schemas/inbound-message.ts';
import { AesHmacPiiProtector } from '../functions/adapters/pii/aes-hmac-pii-protector.ts';
import { parsePiiKeyMaterial } from '../functions/adapters/pii/pii-keys.ts';
import { protectHandle } from '../functions/core/protect-handle.ts';
import { loadLocalConfig } from '../local/config.ts';

/**
 * `npm run citizen-hash -- 010-1234-5678`: prints the keyed hash the local gateway stores for that
 * citizen (complaints.citizen_key_hash, access_records.citizen_key_hash), so an auditor can find one
 * citizen's complaints and every access to them without listing anyone else's number. The number is
 * normalised exactly as at intake (any spacing or +82 form gives the same hash). Uses DATA_DIR's keys
 * and never creates them: other keys would give a hash that matches nothing.
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { kind: { type: 'string', default: 'phone' } } });
const kind = HandleKindSchema.safeParse(values.kind);
const handle = positionals.join(' ').trim();
if (!kind.success || !handle) {
  process.stderr.write(`usage: npm run citizen-hash -- [--kind ${HandleKindSchema.options.join('|')}] <handle>\n`);
  process.exit(2);
}
const file = join(loadLocalConfig().dataDir, 'pii-keys.json');
let text: string;
try {
  text = await readFile(file, 'utf8');
} catch {
  process.stderr.write(`no keys at ${file}: the hash depends on the gateway's own keys (start it once with npm start, or set DATA_DIR)\n`);
  process.exit(1);
}
const pii = new AesHmacPiiProtector(parsePiiKeyMaterial(JSON.parse(text) as unknown, file));
process.stdout.write(`${protectHandle(pii, kind.data, handle).hash}\n`);
