import { useQuery } from '@tanstack/react-query';
import type { BridgeError, CallInput, CallName, CallOutput } from '../../shared/bridge';
import { BridgeFailure, call } from '../bridge';
import { isOfflineTracked, read } from '../features/offline/read';
import { queryKeyOf } from './keys';

export interface BridgeQuery<T> {
  data: T | undefined;
  error: BridgeError | undefined;
  /** No answer yet for this key (first load of this site/target). */
  loading: boolean;
  /** A request is in flight (first load or refresh). */
  fetching: boolean;
  /** When this answer arrived in the renderer (epoch ms), for "refreshed at". */
  updatedAt: number | undefined;
  refetch(): void;
}

/**
 * One bridge read as a query keyed by call name and input. Reads that may come from the offline
 * cache go through `read`, so the frame's offline banner knows their age. `input` undefined
 * (no site selected yet) disables the query.
 */
export function useBridgeQuery<K extends CallName>(
  name: K,
  input: CallInput<K> | undefined,
  options: { refetchInterval?: number | false; staleTime?: number } = {},
): BridgeQuery<CallOutput<K>> {
  const q = useQuery({
    queryKey: queryKeyOf(name, input ?? ({} as CallInput<K>)),
    enabled: input !== undefined,
    queryFn: async () => {
      const r = isOfflineTracked(name)
        ? await read(name, input as CallInput<typeof name>)
        : await call(name, input!);
      if (!r.ok) throw new BridgeFailure(r.error);
      return r.value;
    },
    ...(options.refetchInterval !== undefined ? { refetchInterval: options.refetchInterval } : {}),
    ...(options.staleTime !== undefined ? { staleTime: options.staleTime } : {}),
  });
  return {
    data: q.data,
    error: !q.error
      ? undefined
      : q.error instanceof BridgeFailure
        ? q.error.error
        : { kind: 'internal', message: q.error.message },
    loading: q.isPending && input !== undefined,
    fetching: q.isFetching,
    updatedAt: q.dataUpdatedAt || undefined,
    refetch: () => void q.refetch(),
  };
}
