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
