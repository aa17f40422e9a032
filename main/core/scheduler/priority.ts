import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is waiting for an answer. `interactive`: an operator looking at a screen (the default for
 * every call). `bulk`: work an operator started that may take a while (checking 200 imported
 * sites). `background`: the fleet's own polling, which yields to both.
 */
export type Priority = 'interactive' | 'bulk' | 'background';
export const PRIORITIES: readonly Priority[] = ['interactive', 'bulk', 'background'];

const current = new AsyncLocalStorage<Priority>();

/**
 * Runs `fn` with every API request it makes (however deep, across awaits) at `priority`. The
 * priority travels with the async context, so no endpoint signature has to carry it.
 */
export function withPriority<T>(priority: Priority, fn: () => Promise<T>): Promise<T> {
  return current.run(priority, fn);
}

export function currentPriority(): Priority {
  return current.getStore() ?? 'interactive';
}
