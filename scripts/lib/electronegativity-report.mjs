// Reading @doyensec/electronegativity's CSV report and applying our written suppressions.
// Pure functions (no I/O) so test/unit/packaging tests them on fixtures.

/** Severities at or below this pass without a suppression. */
export const SEVERITY_ORDER = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
export const FAIL_ABOVE = 'LOW';
const MIN_JUSTIFICATION = 40;

/** RFC 4180 CSV (quoted fields, doubled quotes, commas and newlines inside quotes). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/**
 * Findings from the report. The header is `issue, severity, confidence, filename, location, sample,
 * description, url` (with spaces after the commas); files are made relative to `root`.
 */
export function parseReport(csvText, root = '') {
  const [header, ...rows] = parseCsv(csvText);
  if (!header) throw new Error('electronegativity report is empty (no header row)');
  const cols = header.map((h) => h.trim().toLowerCase());
  for (const need of [
    'issue',
    'severity',
    'confidence',
    'filename',
    'location',
    'sample',
    'description',
  ]) {
    if (!cols.includes(need))
      throw new Error(
        `electronegativity report has no "${need}" column (header: ${header.join(',')})`,
      );
  }
  const prefix = root ? `${root.replace(/[\\/]+$/, '')}/` : '';
  return rows.map((cells, i) => {
    const get = (name) => (cells[cols.indexOf(name)] ?? '').trim();
    // A damaged row (a cut-off write, a field shifted by a stray quote) must not be judged as a
    // finding: its "check" would be a sentence fragment and its "severity" a URL.
    const damage = [];
    if (cells.length !== cols.length)
      damage.push(`${cells.length} fields, expected ${cols.length}`);
    if (!/^[A-Z0-9_]+$/.test(get('issue'))) damage.push(`check id "${get('issue')}"`);
    if (!SEVERITY_ORDER.includes(get('severity').toUpperCase()))
      damage.push(`severity "${get('severity')}"`);
    if (damage.length)
      throw new Error(
        `electronegativity report is damaged at data row ${i + 1} (${damage.join('; ')}): ${cells.join(',').slice(0, 120)}`,
      );
    let file = get('filename').replaceAll('\\', '/');
    if (prefix && file.startsWith(prefix)) file = file.slice(prefix.length);
    return {
      check: get('issue'),
      severity: get('severity').toUpperCase(),
      confidence: get('confidence').toUpperCase(),
      file,
      location: get('location'),
      sample: get('sample'),
      description: get('description'),
      url: get('url'),
    };
  });
}

export function isAboveThreshold(severity, threshold = FAIL_ABOVE) {
  const rank = SEVERITY_ORDER.indexOf(severity);
  // An unknown severity is treated as blocking: better a false alarm than a silent pass.
  return rank === -1 || rank > SEVERITY_ORDER.indexOf(threshold);
}

/**
 * Problems with the suppression file itself: every entry names a check and a file and carries a
 * written justification (at least a sentence, not a placeholder) saying why the finding is safe.
 */
export function validateSuppressions(data) {
  const problems = [];
  const list = data?.suppressions;
  if (!Array.isArray(list)) return ['suppressions file must be { "suppressions": [ ... ] }'];
  list.forEach((s, i) => {
    const at = `suppression #${i + 1}${s?.check ? ` (${s.check})` : ''}`;
    if (typeof s !== 'object' || s === null) return problems.push(`${at}: not an object`);
    if (typeof s.check !== 'string' || !/^[A-Z0-9_]+$/.test(s.check))
      problems.push(`${at}: "check" must be an electronegativity check id`);
    if (typeof s.file !== 'string' || !s.file)
      problems.push(
        `${at}: "file" is required (path relative to the project, or "N/A" for global checks)`,
      );
    if (s.sample !== undefined && (typeof s.sample !== 'string' || !s.sample))
      problems.push(`${at}: "sample" must be a non-empty string when given`);
    const j = typeof s.justification === 'string' ? s.justification.trim() : '';
    if (!j) problems.push(`${at}: no written justification`);
    else if (j.length < MIN_JUSTIFICATION)
      problems.push(`${at}: justification shorter than ${MIN_JUSTIFICATION} characters ("${j}")`);
    else if (
      /^(todo|tbd|fixme|n\/?a|none|-|\.+|false positive\.?)$/i.test(j) ||
      /\b(TODO|TBD|FIXME)\b/.test(j)
    )
      problems.push(`${at}: justification is a placeholder ("${j}")`);
  });
  return problems;
}

/** `*` matches within one path segment (built chunk names carry a content hash). */
function fileMatches(pattern, file) {
  if (!pattern.includes('*')) return pattern === file;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  return re.test(file);
}

/** A suppression matches a finding on check id, file and (if given) a substring of the sample. */
export function matches(suppression, finding) {
  return (
    suppression.check === finding.check &&
    fileMatches(suppression.file, finding.file) &&
    (suppression.sample === undefined || finding.sample.includes(suppression.sample))
  );
}

/**
 * Splits findings into blocking (above LOW, not suppressed), suppressed and low ones, and lists
 * suppressions that matched nothing (stale: the code they excused is gone).
 */
export function evaluate(findings, suppressions, threshold = FAIL_ABOVE) {
  const blocking = [];
  const suppressed = [];
  const low = [];
  const used = new Set();
  for (const f of findings) {
    const s = suppressions.find((x) => matches(x, f));
    if (s) {
      used.add(s);
      suppressed.push({ ...f, justification: s.justification });
    } else if (isAboveThreshold(f.severity, threshold)) blocking.push(f);
    else low.push(f);
  }
  return { blocking, suppressed, low, unused: suppressions.filter((s) => !used.has(s)) };
}

/** A plain-text table (no colours: it goes to CI logs). */
export function table(rows, headers) {
  const widths = headers.map((h, i) =>
    Math.min(60, Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length))),
  );
  const cut = (v, w) => {
    const s = String(v ?? '');
    return s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w);
  };
  const line = (cells) =>
    cells
      .map((c, i) => cut(c, widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
