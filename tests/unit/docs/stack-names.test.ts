import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/** Stack ids as lib/gateway-stage.ts creates them (`new VoiceStack(this, 'Voice', ...)`). */
function stackIds(): Set<string> {
  const source = readFileSync(join(root, 'lib', 'gateway-stage.ts'), 'utf8');
  return new Set([...source.matchAll(/new \w+Stack\(this, '(\w+)'/g)].map((match) => match[1] as string));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
  );
}

describe('stack names in the documentation', () => {
  it('names only stacks the stage creates (`<stage>/Voice`, `dev-SmsChannel`, `the Voice stack`)', () => {
    const known = stackIds();
    expect(known).toContain('Voice');
    const unknown: string[] = [];
    for (const file of [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))]) {
      const text = readFileSync(file, 'utf8');
      const named = [
        // <stage>/Voice, dev/SmsChannel, <stage>-Voice (a path segment after the name is an API path, not a stack).
        ...[...text.matchAll(/(?:<stage>|\bdev|\bprod)[/-]([A-Z][A-Za-z]+)(?![/A-Za-z])/g)].map((m) => m[1]),
        // "the Voice stack", "`Voice` stack"
        ...[...text.matchAll(/\bthe `?([A-Z][A-Za-z]+)`? stack\b(?! outputs?\b)/g)].map((m) => m[1]),
        // cdk deploy / destroy '<stage>/X' or X alone as an argument
        ...[...text.matchAll(/cdk (?:deploy|destroy) '?(?:<stage>|\w+)\/(\w+)/g)].map((m) => m[1]),
      ];
      for (const name of named) if (name && !known.has(name)) unknown.push(`${file.slice(root.length + 1)}: ${name}`);
    }
    expect(unknown).toEqual([]);
  });
});
