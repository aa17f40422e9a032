import { useCallback } from 'react';
import { useRouter } from '../../app/router-store';
import { useSession } from '../../app/session-store';

/** Opens one page of a fleet site: makes it the selected site, then shows the page. */
export type OpenSite = (key: string, path?: string) => void;

export function useOpenSite(): OpenSite {
  const selectSite = useSession((s) => s.selectSite);
  return useCallback(
    (key, path = 'overview') => {
      selectSite(key);
      useRouter.getState().navigate(path);
    },
    [selectSite],
  );
}
