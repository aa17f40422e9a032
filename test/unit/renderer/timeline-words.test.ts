import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../../renderer/features/changes/Timeline';
import { rollbackLabel, targetName } from '../../../shared/domain/names';
import {
  describeEntry,
  type JournalEntry,
  type RollbackAction,
} from '../../../shared/domain/workflow';
import { clock } from '../../../renderer/ui/format';

const SITE = '3f1c2a9e-4b5d-4c6e-8f70-112233445566';
let seq = 0;
const e = (x: Record<string, unknown>) =>
  ({ seq: ++seq, at: `2026-01-01T10:00:0${seq}.000Z`, ...x }) as JournalEntry;

/** A rollback record whose restore failed, as main journals it. */
const failedRestore: JournalEntry[] = [
  e({
    type: 'started',
    changeId: 'r1',
    connectionId: 'sandbox',
    siteId: SITE,
    target: 'meta',
    operator: 'Ada',
    title: 'Rollback: Restore snapshot',
    kind: 'rollback_only',
    operation: 'update',
  }),
  e({
    type: 'rollback',
    action: 'restore',
    ok: false,
    error: 'There is no baseline or known-good snapshot of this target to restore.',
  }),
  e({
    type: 'closed',
    outcome: 'rollback_failed',
    note: 'There is no baseline or known-good snapshot of this target to restore.',
  }),
];

function rows(entries: JournalEntry[]): string[] {
  const html = renderToStaticMarkup(createElement(Timeline, { entries, target: 'meta' }));
  return [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('the change page timeline uses the one description of each journal entry', () => {
  it('a failed restore reads as failed, with its reason, never as rolled back', () => {
    const shown = rows(failedRestore);
    expect(shown).toHaveLength(3);
    const words = {
      time: clock,
      target: (t: string) => targetName(t),
      rollback: (a: RollbackAction) => rollbackLabel(a, 'meta'),
    };
    failedRestore.forEach((entry, i) => expect(shown[i]).toContain(describeEntry(entry, words)));
    expect(shown[1]).toMatch(/Restore snapshot: FAILED — There is no baseline/);
    expect(shown[2]).toMatch(/Close: rollback failed — /);
    expect(shown.join(' ')).not.toMatch(/rolled back|Nothing was applied/);
  });
});
