import { expect, it } from 'vitest';
import type { FleetChecklist } from '../../../shared/bridge/calls/fleet';
import { checklistCsv, checklistMarkdown } from '../../../renderer/features/fleet/checklist-export';

const item = (id: string, met: boolean, reason = '') => ({ id, label: id, met, reason }) as never;
const matrix: FleetChecklist = {
  checkedAt: '2026-01-05T10:00:00.000Z',
  rows: [
    {
      key: 'site-a',
      label: '=HYPERLINK("x") | shop',
      connectionName: 'Prod',
      siteId: '00000000-0000-4000-8000-000000000001',
      targets: [
        {
          target: 'ga4',
          items: [
            item('snapshots', true),
            item('test', false, 'The last change has not been tested.'),
            item('monitor', true),
            item('rollback', true),
            item('owner', false, 'No owner assigned.'),
          ],
        },
      ],
    },
  ],
};

it('exports the fleet checklist as CSV (formulas neutralised) and Markdown (pipes escaped)', () => {
  const csv = checklistCsv(matrix).split('\r\n');
  expect(csv[0]).toBe(
    'site,site id,connection,provider,snapshots,test,monitor,rollback,owner,not met because',
  );
  expect(csv[1]).toBe(
    `"'=HYPERLINK(""x"") | shop",00000000-0000-4000-8000-000000000001,Prod,GA4,met,not met,met,met,not met,test: The last change has not been tested. | owner: No owner assigned.`,
  );
  const md = checklistMarkdown(matrix);
  expect(md).toContain('| Site | Provider | 1 | 2 | 3 | 4 | 5 |');
  expect(md).toContain(
    '| =HYPERLINK("x") \\| shop | GA4 | met | **not met** | met | met | **not met** |',
  );
  expect(md).toContain('5. Operational ownership and escalation path is explicitly assigned');
});
