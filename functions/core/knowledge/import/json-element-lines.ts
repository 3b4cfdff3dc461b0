/**
 * The 1-based line on which each element of the array at `path` (object keys from the root)
 * starts, so a JSON import can report a bad record by line like the other formats. Assumes
 * `text` is valid JSON (it has been parsed already).
 */
export function jsonElementLines(text: string, path: readonly string[]): number[] {
  interface Frame {
    kind: 'object' | 'array';
    path: string[];
    expectKey: boolean;
    key: string | null;
  }
  const target = path.join('\u0000');
  const stack: Frame[] = [];
  const lines: number[] = [];
  let line = 1;
  let i = 0;
  const childPath = (frame: Frame | undefined): string[] => (frame === undefined ? [] : frame.kind === 'object' ? [...frame.path, frame.key ?? ''] : [...frame.path, '\u0001']);
  const valueStarts = () => {
    const top = stack[stack.length - 1];
    if (top?.kind === 'array' && top.path.join('\u0000') === target) lines.push(line);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line += 1;
      i += 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === ':') {
      const top = stack[stack.length - 1];
      if (c === ',' && top?.kind === 'object') top.expectKey = true;
      i += 1;
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      i += 1;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const isKey = top?.kind === 'object' && top.expectKey;
      if (isKey) {
        top.key = JSON.parse(text.slice(i, j + 1)) as string;
        top.expectKey = false;
      } else valueStarts();
      i = j + 1;
      continue;
    }
    valueStarts();
    if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', path: childPath(top), expectKey: c === '{', key: null });
      i += 1;
      continue;
    }
    // number, true, false, null
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i += 1;
  }
  return lines;
}
