import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { FleetPicture } from '../../../shared/bridge/calls/fleet';
import { on } from '../../bridge';
import { queryKeyOf } from '../../data/keys';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { applyPushes, type FleetPush } from './fleet-view';

/**
 * The fleet picture: one query (`fleet.rows`), read in full whenever a screen mounts it (which also
 * starts main's polling), then patched by main's pushes.
 */
export function useFleetPicture() {
  return useBridgeQuery('fleet.rows', {}, { staleTime: 0 });
}

/**
 * Applies main's pushes to the cached picture, once per animation frame (several batches in a
 * frame become one render), so a 200-site fleet refreshing keeps the screen at 60 fps. A push that
 * arrives before the first answer is already part of that answer (main sends in order).
 */
export function useFleetPushes(): void {
  const client = useQueryClient();
  useEffect(() => {
    const key = queryKeyOf('fleet.rows', {});
    let pending: FleetPush[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const batch = pending;
      pending = [];
      client.setQueryData<FleetPicture>(key, (old) => old && applyPushes(old, batch));
    };
    const off = on('fleet.rows', (p) => {
      pending.push(p);
      frame ||= requestAnimationFrame(flush);
    });
    return () => {
      off();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [client]);
}
