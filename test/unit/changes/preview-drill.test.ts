import { afterEach, describe, expect, it } from 'vitest';
import { foldChange } from '../../../shared/domain/workflow';
import { Harness, until } from './harness';

let h: Harness;
afterEach(async () => {
  await h.dispose();
});

describe('the preview of the filter_suppression fix, on the sandbox', () => {
  it(
    'says order.total is not in the logged events instead of "0 -> 0 sent", and never "stricter"',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      await h.call('drills.start', { ...h.site, scenario: 'filter_suppression' });
      // Purchases are being filtered now (the drill's outside PUT is live).
      await until(async () => {
        const page = await h.call('integrations.logs', {
          ...h.site,
          provider: 'meta',
          limit: 500,
          freshness: 'live',
        });
        return page.data.entries.some((e) => e.event === 'purchase' && e.status === 'filtered');
      });
      const s = foldChange((await h.call('changes.start', { ...h.site, target: 'meta' })).entries);
      const base = s.baseline!.body as { eventFilters: Record<string, unknown> };
      expect(base.eventFilters.purchase).toMatchObject({
        conditions: [{ field: 'order.total', operator: 'gte', value: 100000 }],
      });
      await h.call('changes.saveDraft', {
        changeId: s.id,
        body: {
          ...base,
          eventFilters: {
            ...base.eventFilters,
            purchase: {
              enabled: true,
              conditions: [{ field: 'order.total', operator: 'gte', value: 1 }],
            },
          },
        },
      });
      const p = await h.call('changes.preview', { changeId: s.id });
      const row = p.impact!.rows.find((r) => r.event === 'purchase')!;
      expect(row.notPreviewable?.message).toBe(
        'order.total is not in the logged events: the effect of this filter cannot be previewed',
      );
      expect(row.after).toEqual(row.before);
      expect(p.impact!.flags.filter((f) => f.event === 'purchase')).toEqual([]);
      const critical = p.diff.kind === 'integration' ? p.diff.critical : [];
      expect(critical.map((c) => c.message).join(' ')).not.toMatch(/stricter/);
    },
  );
});
