import { useEffect, useRef } from 'react';

/**
 * Calls `fn` every `seconds`, skipping while the window is hidden (no load on the API for a
 * screen nobody looks at) and catching up as soon as it is visible again.
 */
export function useAutoRefresh(fn: () => void, seconds: number): void {
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => {
    const timer = setInterval(() => {
      if (!document.hidden) latest.current();
    }, seconds * 1000);
    let hiddenSince = 0;
    const onVisibility = () => {
      if (document.hidden) hiddenSince = Date.now();
      else if (hiddenSince && Date.now() - hiddenSince >= seconds * 1000) latest.current();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [seconds]);
}
