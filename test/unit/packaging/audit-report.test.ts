import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The audit script's pure half (scripts/lib/electronegativity-report.mjs) on a fixture report.
interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
  url: string;
}
interface Suppression {
  check: string;
  file: string;
  sample?: string;
  justification: string;
}
interface ReportLib {
  parseCsv(text: string): string[][];
  parseReport(text: string, root?: string): Finding[];
  isAboveThreshold(severity: string): boolean;
  validateSuppressions(data: unknown): string[];
  evaluate(
    findings: Finding[],
    suppressions: Suppression[],
  ): { blocking: Finding[]; suppressed: Finding[]; low: Finding[]; unused: Suppression[] };
  table(rows: string[][], headers: string[]): string;
}

const root = resolve(import.meta.dirname, '../../..');
const fixture = readFileSync(
  resolve(import.meta.dirname, 'fixtures/electronegativity.csv'),
  'utf8',
);
const justification =
  'Safe because the only caller is the allow-listed wrapper, asserted by a unit test.';
let lib: ReportLib;

beforeAll(async () => {
  lib = (await import(
    pathToFileURL(resolve(root, 'scripts/lib/electronegativity-report.mjs')).href
  )) as ReportLib;
});

describe('electronegativity CSV parsing', () => {
  it('reads every row with trimmed header names and project-relative files', () => {
    const findings = lib.parseReport(fixture, '/repo');
    expect(findings.map((f) => f.check)).toEqual([
      'CSP_GLOBAL_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
    ]);
    expect(findings[0]).toMatchObject({
      severity: 'MEDIUM',
      confidence: 'CERTAIN',
      file: 'N/A',
      location: '0:0',
      sample: 'N/A',
    });
    expect(findings[1]).toMatchObject({
      severity: 'HIGH',
      file: 'out/main/index.js',
      location: '224:13',
      sample: 'const win = new BrowserWindow({',
    });
  });

  it('keeps commas and doubled quotes inside quoted fields, and newlines in descriptions', () => {
    const findings = lib.parseReport(fixture, '/repo');
    expect(findings[2]!.sample).toBe('shell.openExternal(url, { activate: true }), "quoted"');
    expect(findings[3]!.description).toBe('Use content over HTTPS\n(line two of the description)');
    expect(lib.parseCsv('a,"b,c"\r\n"d""e",f\n')).toEqual([
      ['a', 'b,c'],
      ['d"e', 'f'],
    ]);
  });

  it('refuses a report without the expected columns or without a header', () => {
    expect(() => lib.parseReport('')).toThrow(/empty/);
    expect(() => lib.parseReport('issue,severity\nX,HIGH\n')).toThrow(/no "confidence" column/);
  });

  it('refuses a damaged report instead of judging a sentence fragment as a finding', () => {
    // What CI once read: electronegativity's header write (truncating) landed after its row
    // append and overwrote the first 73 characters of the CSP row.
    const header = 'issue, severity, confidence, filename, location, sample, description, url\n';
    const row =
      'CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK\n';
    const damaged = header + row.slice(header.length);
    expect(() => lib.parseReport(damaged)).toThrow(
      /damaged at data row 1 \(.*check id "ted in the target application\\?"?/,
    );
    expect(() => lib.parseReport(`${header}X_CHECK,"MEDIUM"\n`)).toThrow(/2 fields, expected 8/);
    expect(lib.parseReport(header + row)).toHaveLength(1);
  });

  it('the preload makes the scanner write its report in call order', () => {
    // Two async writes started back to back, as electronegativity does; with the preload the
    // truncating header write can never land after the append.
    const dir = mkdtempSync(join(tmpdir(), 'audit-order-'));
    const file = join(dir, 'report.csv');
    const script = `const fs=require('fs');fs.writeFile(${JSON.stringify(file)},'HEADER\\n',()=>{});fs.writeFile(${JSON.stringify(file)},'row-1\\nrow-2\\n',{flag:'a'},()=>{});`;
    for (let i = 0; i < 20; i++) {
      const r = spawnSync(
        process.execPath,
        ['-r', resolve(root, 'scripts/lib/electronegativity-ordered-writes.cjs'), '-e', script],
        { encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe('HEADER\nrow-1\nrow-2\n');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('blocks above LOW and treats an unknown severity as blocking', () => {
    expect(lib.isAboveThreshold('INFORMATIONAL')).toBe(false);
    expect(lib.isAboveThreshold('LOW')).toBe(false);
    expect(lib.isAboveThreshold('MEDIUM')).toBe(true);
    expect(lib.isAboveThreshold('HIGH')).toBe(true);
    expect(lib.isAboveThreshold('SEVERE')).toBe(true);
  });
});

describe('suppressions', () => {
  it('excuse only the finding they name (check, file with * inside one segment, sample substring)', () => {
    const findings = lib.parseReport(fixture, '/repo');
    const suppressions: Suppression[] = [
      { check: 'CSP_GLOBAL_CHECK', file: 'N/A', justification },
      {
        check: 'CONTEXT_ISOLATION_JS_CHECK',
        file: 'out/main/index.js',
        sample: 'new BrowserWindow(',
        justification,
      },
      { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/main/chunks/links-*.js', justification },
      {
        check: 'NODE_INTEGRATION_JS_CHECK',
        file: 'out/main/other.js',
        sample: 'nodeIntegration: false',
        justification,
      },
      { check: 'SANDBOX_JS_CHECK', file: 'out/main/index.js', justification },
    ];
    const result = lib.evaluate(findings, suppressions);
    expect(result.suppressed.map((f) => f.check)).toEqual([
      'CSP_GLOBAL_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
    ]);
    // The sample does not match: a suppression for a safe line does not excuse a dangerous one.
    expect(result.blocking.map((f) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    expect(result.low.map((f) => f.check)).toEqual(['HTTP_RESOURCES_JS_CHECK']);
    expect(result.unused.map((s) => s.check)).toEqual([
      'NODE_INTEGRATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
    ]);
  });

  it('without suppressions every MEDIUM and HIGH finding blocks', () => {
    const result = lib.evaluate(lib.parseReport(fixture, '/repo'), []);
    expect(result.blocking).toHaveLength(4);
  });

  it('each needs a check id, a file and a written justification that is not a placeholder', () => {
    expect(lib.validateSuppressions({})).toEqual([
      'suppressions file must be { "suppressions": [ ... ] }',
    ]);
    const problems = lib.validateSuppressions({
      suppressions: [
        { check: 'CSP_GLOBAL_CHECK', file: 'N/A' },
        { check: 'SANDBOX_JS_CHECK', file: 'out/main/index.js', justification: 'false positive' },
        {
          check: 'AUXCLICK_JS_CHECK',
          file: 'out/main/index.js',
          justification: 'TODO: explain why this is fine before the release',
        },
        { check: 'lower case', justification },
        { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/main/index.js', justification },
      ],
    });
    expect(problems).toEqual([
      'suppression #1 (CSP_GLOBAL_CHECK): no written justification',
      expect.stringContaining('suppression #2 (SANDBOX_JS_CHECK): justification shorter than'),
      expect.stringContaining('suppression #3 (AUXCLICK_JS_CHECK): justification is a placeholder'),
      'suppression #4 (lower case): "check" must be an electronegativity check id',
      expect.stringContaining('suppression #4 (lower case): "file" is required'),
    ]);
  });

  it('the committed build/electronegativity-suppressions.json is valid and justifies every entry', () => {
    const data = JSON.parse(
      readFileSync(resolve(root, 'build/electronegativity-suppressions.json'), 'utf8'),
    ) as {
      suppressions: Suppression[];
    };
    expect(lib.validateSuppressions(data)).toEqual([]);
    expect(data.suppressions.length).toBeGreaterThan(0);
    for (const s of data.suppressions)
      expect(s.justification.trim().length).toBeGreaterThanOrEqual(40);
  });

  it('prints a fixed-width summary table', () => {
    const out = lib.table(
      [
        ['FAIL', 'HIGH', 'X'],
        ['suppressed', 'MEDIUM', 'Y'],
      ],
      ['status', 'severity', 'check'],
    );
    expect(out.split('\n')).toEqual([
      'status      severity  check',
      '----------  --------  -----',
      'FAIL        HIGH      X',
      'suppressed  MEDIUM    Y',
    ]);
  });
});
