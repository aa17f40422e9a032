import type { Row } from './row';

export type CompiledRegex = { ok: true; re: RegExp } | { ok: false; error: string };

/**
 * True when a quantified group itself holds a quantifier, as in (a+)+ or (x*y)*: the shape that
 * makes a backtracking engine take exponential time on a near-miss. Browsers cannot time-limit a
 * RegExp, so such a pattern is refused rather than allowed to freeze the window over 100,000 lines.
 */
export function hasNestedQuantifier(src: string): boolean {
  const stack: boolean[] = [];
  let inClass = false;
  let lastClosedQuantified = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      i++;
      lastClosedQuantified = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    const quant = c === '+' || c === '*' || c === '{';
    if (quant && lastClosedQuantified) return true;
    lastClosedQuantified = false;
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') lastClosedQuantified = stack.pop() ?? false;
    else if (quant && stack.length > 0) stack[stack.length - 1] = true;
  }
  return false;
}

/** A case-insensitive pattern, or the reason it cannot be used (shown next to its field). */
export function compileRegex(src: string, flags = 'i'): CompiledRegex | undefined {
  const s = src.trim();
  if (!s) return undefined;
  if (s.length > 500) return { ok: false, error: 'At most 500 characters.' };
  if (hasNestedQuantifier(s))
    return {
      ok: false,
      error: 'Nested quantifiers such as (a+)+ can take minutes to run; write it without them.',
    };
  try {
    return { ok: true, re: new RegExp(s, flags) };
  } catch (error) {
    return {
      ok: false,
      error: `Not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`,
    };
  }
}

/**
 * The whole line as one string, so one pattern can span fields ("purchase.*503"). Built with
 * join, which makes one flat string; a template literal makes a rope the RegExp must flatten first
 * (measured: about a third slower over 100,000 lines).
 */
export function lineText(r: Row): string {
  return [
    r.ts,
    r.stream,
    r.status,
    r.http || '',
    r.event,
    r.eventId,
    r.code,
    r.message,
    r.reason,
    r.payload,
  ].join(' ');
}

export const MAX_HIGHLIGHTS = 5;

export interface Highlighter {
  /** One alternation of every valid term, each in its own capture group (its colour). */
  re: RegExp | undefined;
  /** Capture-group number of each term's group (a term's own groups come after it). */
  groups: number[];
  errors: (string | undefined)[];
}

const NEVER = '(?!)';

export function compileHighlights(terms: string[]): Highlighter {
  const parts: string[] = [];
  const errors = terms.slice(0, MAX_HIGHLIGHTS).map((t) => {
    const c = compileRegex(t);
    if (!c || !c.ok) {
      parts.push(NEVER);
      return c?.error;
    }
    // Empty matches would loop the splitter; a term must match at least one character.
    if (c.re.test('')) {
      parts.push(NEVER);
      return 'This pattern matches empty text; make it match at least one character.';
    }
    parts.push(c.re.source);
    return undefined;
  });
  const groups: number[] = [];
  let next = 1;
  for (const p of parts) {
    groups.push(next);
    // Its own capture groups, counted by matching the pattern or nothing against ''.
    next += 1 + (new RegExp(`${p}|`).exec('')!.length - 1);
  }
  const any = parts.some((p) => p !== NEVER);
  return {
    re: any ? new RegExp(parts.map((p) => `(${p})`).join('|'), 'gi') : undefined,
    groups,
    errors,
  };
}

export interface Piece {
  text: string;
  /** Index of the highlight term (0-4), or -1 for plain text. */
  term: number;
}

/** Splits text into plain and highlighted pieces. */
export function highlightPieces(text: string, h: Pick<Highlighter, 're' | 'groups'>): Piece[] {
  const re = h.re;
  if (!re || !text) return [{ text, term: -1 }];
  const out: Piece[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    if (m.index > last) out.push({ text: text.slice(last, m.index), term: -1 });
    out.push({ text: m[0], term: h.groups.findIndex((g) => m[g] !== undefined) });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), term: -1 });
  return out;
}
