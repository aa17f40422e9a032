import type { ErrorIssue } from '../../../shared/bridge';

/**
 * Keys that appear twice in one JSON object. JSON.parse keeps only the last one, so without this the
 * Raw JSON view would silently drop a duplicate mapping row (and the diff call it "retargeted").
 * A small scanner over the text: strings, objects and arrays; anything malformed is left to
 * JSON.parse to report.
 */
export function duplicateKeys(text: string): ErrorIssue[] {
  const found: ErrorIssue[] = [];
  type Frame =
    | { kind: 'object'; keys: Set<string>; path: string; key?: string }
    | { kind: 'array'; path: string; index: number };
  const stack: Frame[] = [];
  let expectKey = false;
  const childPath = (f: Frame | undefined): string => {
    if (!f) return '';
    const seg = f.kind === 'object' ? (f.key ?? '') : String(f.index);
    return f.path ? `${f.path}.${seg}` : seg;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') {
          s += text.slice(j, j + 2);
          j += 2;
        } else s += text[j++];
      }
      let value = s;
      try {
        value = JSON.parse(`"${s}"`) as string;
      } catch {
        // malformed escape: JSON.parse of the whole text reports it
      }
      const top = stack.at(-1);
      if (top?.kind === 'object' && expectKey) {
        if (top.keys.has(value))
          found.push({
            path: top.path ? `${top.path}.${value}` : value,
            message: `"${value}" appears twice in this object; JSON keeps only the last one`,
          });
        top.keys.add(value);
        top.key = value;
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const parent = stack.at(-1);
      const path = childPath(parent);
      stack.push(
        c === '{' ? { kind: 'object', keys: new Set(), path } : { kind: 'array', path, index: 0 },
      );
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'object') expectKey = true;
      else if (top?.kind === 'array') top.index++;
    }
  }
  return found;
}
