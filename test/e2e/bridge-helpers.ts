import type { Page } from '@playwright/test';

export interface BridgeResult<T> {
  ok: boolean;
  value?: T;
  error?: { kind?: string; message: string; current?: unknown };
}

/**
 * Calls the bridge from inside the signed-in page, over the same socket protocol as the renderer:
 * e2e tests set up state and read the API as an operator's app would, never around it.
 */
export async function bridge<T = unknown>(
  page: Page,
  call: string,
  input: unknown,
): Promise<BridgeResult<T>> {
  return page.evaluate(
    ([call, input]) =>
      new Promise((resolve) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/bridge`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, call, input }));
        ws.onmessage = (m) => {
          const frame = JSON.parse(String(m.data)) as { id?: number; result?: unknown };
          if (frame.id === 1) {
            ws.close();
            resolve(frame.result as { ok: boolean });
          }
        };
      }),
    [call, input] as const,
  );
}

/** The first site of the embedded sandbox connection (every e2e test starts on a fresh one). */
export async function site(page: Page): Promise<{ connectionId: string; siteId: string }> {
  const sites = (await bridge<{ connectionId: string; siteId: string }[]>(page, 'sites.list', {}))
    .value!;
  return { connectionId: sites[0]!.connectionId, siteId: sites[0]!.siteId };
}

/**
 * Changes a target's configuration the only way the app allows: a change (start, baseline, draft,
 * apply with its mandatory test), then closes it as abandoned so the site is free again. Tests use
 * it to set up a configuration; the stepper itself is exercised by the change specs.
 */
export async function changeThroughRunbook(
  page: Page,
  target: string,
  edit: (live: Record<string, unknown>) => Record<string, unknown>,
): Promise<string> {
  const t = await site(page);
  const started = await bridge<{ entries: { type: string; changeId?: string; body?: object }[] }>(
    page,
    'changes.start',
    { ...t, target },
  );
  if (!started.ok) throw new Error(`changes.start: ${started.error?.message}`);
  const changeId = started.value!.entries[0]!.changeId!;
  const baseline = started.value!.entries.find((e) => e.type === 'baseline');
  if (!baseline?.body) throw new Error('the change has no baseline');
  const draft = await bridge(page, 'changes.saveDraft', {
    changeId,
    body: edit(baseline.body as Record<string, unknown>),
  });
  if (!draft.ok) throw new Error(`changes.saveDraft: ${draft.error?.message}`);
  const applied = await bridge<{ entries: { type: string }[] }>(page, 'changes.apply', {
    changeId,
  });
  if (!applied.ok || !applied.value!.entries.some((e) => e.type === 'apply_done'))
    throw new Error(`changes.apply: ${applied.error?.message ?? 'not applied'}`);
  await bridge(page, 'changes.close', {
    changeId,
    outcome: 'abandoned',
    note: 'superseded by another change',
  });
  return changeId;
}
