import { create } from 'zustand';

/** Hash routing (#/overview, #/providers/ga4): works the same under app:// and browser mode. */
function readHash(): string[] {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

interface RouterState {
  segments: string[];
  navigate(path: string): void;
}

export const useRouter = create<RouterState>(() => ({
  segments: readHash(),
  navigate(path: string) {
    location.hash = `#/${path}`;
  },
}));

window.addEventListener('hashchange', () => useRouter.setState({ segments: readHash() }));
