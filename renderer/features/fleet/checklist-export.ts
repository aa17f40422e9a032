import type { FleetChecklist } from '../../../shared/bridge/calls/fleet';
import { targetName } from '../../../shared/domain/names';
import { CHECKLIST_LABELS, ChecklistItemId } from '../../../shared/domain/workflow/checklist';
import { csvCell } from '../logs/export';

const ITEMS = ChecklistItemId.options;

/** One line per site x provider: the five items as met / not met, then the reasons. */
export function checklistCsv(m: FleetChecklist): string {
  const head = ['site', 'site id', 'connection', 'provider', ...ITEMS, 'not met because'];
  const lines = [head.map(csvCell).join(',')];
  for (const row of m.rows)
    for (const t of row.targets) {
      const byId = new Map(t.items.map((i) => [i.id, i]));
      const why = t.items
        .filter((i) => !i.met)
        .map((i) => `${i.id}: ${i.reason}`)
        .join(' | ');
      lines.push(
        [
          row.label,
          row.siteId,
          row.connectionName,
          targetName(t.target),
          ...ITEMS.map((id) => (byId.get(id)?.met ? 'met' : 'not met')),
          why,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  return `${lines.join('\r\n')}\r\n`;
}

/** Markdown cells cannot hold a raw pipe or a line break. */
const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function checklistMarkdown(m: FleetChecklist): string {
  const out = [
    `# Fleet production checklist`,
    '',
    `Checked ${m.checkedAt}. ${m.rows.length} sites.`,
    '',
    ...ITEMS.map((id, n) => `${n + 1}. ${CHECKLIST_LABELS[id]}`),
    '',
    `| Site | Provider | ${ITEMS.map((_, n) => String(n + 1)).join(' | ')} |`,
    `| --- | --- | ${ITEMS.map(() => ':-:').join(' | ')} |`,
  ];
  for (const row of m.rows)
    for (const t of row.targets) {
      const byId = new Map(t.items.map((i) => [i.id, i.met]));
      out.push(
        `| ${md(row.label)} | ${targetName(t.target)} | ${ITEMS.map((id) => (byId.get(id) ? 'met' : '**not met**')).join(' | ')} |`,
      );
    }
  return `${out.join('\n')}\n`;
}
