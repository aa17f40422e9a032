import { useRouter } from '../../app/router-store';
import { useSession } from '../../app/session-store';

/** Makes a fleet site the selected site, then shows one of its pages (overview, a provider, …). */
export function openSite(key: string, path = 'overview'): void {
  useSession.getState().selectSite(key);
  useRouter.getState().navigate(path);
}
