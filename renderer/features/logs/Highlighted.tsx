import { highlightPieces, type Highlighter } from './regex';

/** Text with the operator's highlight terms marked, each term in its own colour (hl-0 … hl-4). */
export function Highlighted({ text, hl }: { text: string; hl: Highlighter | undefined }) {
  if (!hl?.re) return text;
  return highlightPieces(text, hl).map((p, i) =>
    p.term < 0 ? (
      p.text
    ) : (
      <mark key={i} className={`hl hl-${p.term}`}>
        {p.text}
      </mark>
    ),
  );
}
