import { useEffect, useState } from 'react';

/** A clock that re-renders every `ms`, for ages ("3 min ago") that must stay true on screen. */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
