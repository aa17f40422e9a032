import type { QueryKey } from '@tanstack/react-query';
import type { CallInput, CallName } from '../../shared/bridge';

/**
 * Every query is keyed by its bridge call name and its exact input, so two sites (or two targets)
 * can never share an entry: a slow answer for site A lands under A's key and cannot overwrite B's.
 */
export function queryKeyOf<K extends CallName>(name: K, input: CallInput<K>): QueryKey {
  return [name, input];
}

type Scope = { connectionId?: string; siteId?: string; target?: string; changeId?: string };

/** Matches every key of one of `names` (all names when empty) whose input lies inside `scope`. */
export function keyMatcher(names: readonly CallName[], scope: Scope = {}) {
  return (key: QueryKey): boolean => {
    const [name, input] = key as [string, Record<string, unknown> | undefined];
    if (names.length && !names.includes(name as CallName)) return false;
    for (const [field, value] of Object.entries(scope))
      if (value !== undefined && input?.[field] !== undefined && input[field] !== value)
        return false;
    return true;
  };
}
