import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/domain/workflow';
import { Timeline } from '../../../renderer/features/changes/Timeline';
import { WindowBars } from '../../../renderer/features/overview/WindowBars';

/** Rendered text only: tags out, so attribute values (ids, keys in data-*) do not count. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ');
const RAW = [/\bga4\b/, /\bgads\b/, /\bdata-layer\b/, /webhook:[\w-]+/, /Disable provider/];

const at = '2026-12-01T10:00:00.000Z';
const entries = [
  { seq: 1, at, type: 'started', operator: 'Ada', kind: 'change', target: 'webhook:wh_1' },
  { seq: 2, at, type: 'health', comparison: { regressions: ['Meta failing'] } },
  { seq: 3, at, type: 'rollback', action: 'disable', ok: true },
  { seq: 4, at, type: 'rollback', action: 'restore', ok: true, test: { ok: true } },
] as unknown as JournalEntry[];

describe("screens' rendered text names targets by their display names", () => {
  it('a webhook change timeline says "Deactivate webhook", never the raw target', () => {
    const html = renderToStaticMarkup(
      createElement(Timeline, {
        entries,
        target: 'webhook:wh_1',
        webhookNames: { wh_1: 'Orders to ERP' },
      }),
    );
    const shown = text(html);
    for (const raw of RAW) expect(shown).not.toMatch(raw);
    expect(shown).toContain('Deactivate webhook: done');
    expect(shown).toContain('1 regression: Meta failing');
    // Times in the one format, UTC on hover.
    expect(html).toContain('title="2026-12-01 10:00:00 UTC"');
  });

  it('a data-layer timeline disables the data layer; a provider one names the provider', () => {
    const dl = text(
      renderToStaticMarkup(createElement(Timeline, { entries, target: 'data-layer' })),
    );
    expect(dl).toContain('Disable data layer: done');
    const meta = text(renderToStaticMarkup(createElement(Timeline, { entries, target: 'meta' })));
    expect(meta).toContain('Disable Meta: done');
    for (const raw of RAW) expect(dl + meta).not.toMatch(raw);
  });

  it('counts test-mode events as test mode, not as skipped', () => {
    const html = renderToStaticMarkup(
      createElement(WindowBars, {
        window: {
          minutes: 5,
          sent: 0,
          failed: 0,
          retried: 0,
          filtered: 0,
          skipped: 0,
          testMode: 12,
        },
        label: 'Meta',
      }),
    );
    expect(text(html)).toMatch(/test mode\s+12/);
  });
});
