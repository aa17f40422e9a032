import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ScenarioList, ScenarioName } from '../../../shared/contract';
import { call } from '../../bridge';
import type { Target } from '../../app/target';
import { invalidateSite } from '../../data/invalidation';
import { queryKeyOf } from '../../data/keys';
import { useBridgeQuery } from '../../data/use-bridge-query';

/** One empty list, so a caller's memo does not recompute on every render before the first answer. */
const NO_SCENARIOS: ScenarioList['scenarios'] = [];

/**
 * The sandbox's drills (one list for the whole sandbox, each active drill naming its site),
 * shared by the Drills screen and the frame's drill banner. Starting or clearing one answers the
 * new list, which becomes the cached one at once; the site's reads refetch.
 */
export function useDrills(target: Target | undefined, options: { refetchInterval?: number } = {}) {
  const client = useQueryClient();
  const input = target && { connectionId: target.connectionId, siteId: target.siteId };
  const list = useBridgeQuery('drills.list', input, options);
  const change = useMutation({
    mutationFn: async (op: { start?: ScenarioName; clear?: ScenarioName | 'all' }) => {
      if (!input) throw new Error('no site selected');
      const r = op.start
        ? await call('drills.start', { ...input, scenario: op.start })
        : await call(
            'drills.clear',
            op.clear && op.clear !== 'all' ? { ...input, scenario: op.clear } : input,
          );
      return r;
    },
    onSuccess: (r) => {
      if (!input) return;
      if (r.ok) client.setQueryData<ScenarioList>(queryKeyOf('drills.list', input), r.value);
      void client.invalidateQueries({ queryKey: ['drills.list'] });
      invalidateSite(client, input.connectionId, input.siteId);
    },
  });
  const failed = change.data && !change.data.ok ? change.data.error : undefined;
  return {
    scenarios: list.data?.scenarios ?? NO_SCENARIOS,
    error: failed ?? list.error,
    busy: change.isPending ? (change.variables?.start ?? change.variables?.clear) : undefined,
    refetch: list.refetch,
    start: (scenario: ScenarioName) => change.mutate({ start: scenario }),
    clear: (scenario?: ScenarioName) => change.mutate({ clear: scenario ?? 'all' }),
    /** The same, answering the bridge's result (the palette says a failure in the frame). */
    run: change.mutateAsync,
  };
}
