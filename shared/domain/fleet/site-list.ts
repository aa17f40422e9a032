/** One line of a pasted or imported site list. */
export interface SiteListRow {
  line: number;
  siteId: string;
  label: string;
}

/** Splits one CSV line on `sep`, honouring double quotes ("a, b" and "" inside quotes). */
function cells(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((c) => c.trim());
}

const HEADER = /^(site[ _-]?id|siteid|id)$/i;

/**
 * A pasted list or a CSV file (site id, label): one site per line, separated by a comma, a
 * semicolon or a tab (whichever the first line uses), an optional header line, blank lines and
 * `#` comments ignored. A bare list of ids works too. Checking the ids is the importer's job.
 */
export function parseSiteList(text: string): SiteListRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const sep = first.includes('\t') ? '\t' : first.includes(';') ? ';' : ',';
  const rows: SiteListRow[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    const [siteId = '', ...rest] = cells(raw, sep);
    if (rows.length === 0 && HEADER.test(siteId)) return;
    rows.push({ line: i + 1, siteId, label: rest.join(' ').trim() });
  });
  return rows;
}
