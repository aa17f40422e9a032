import { useEffect, useState } from 'react';

/** True only once `busy` has lasted `delayMs`: fast answers never flash a spinner. */
export function useDelayed(busy: boolean, delayMs = 300): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!busy) {
      setShown(false);
      return;
    }
    const t = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(t);
  }, [busy, delayMs]);
  return shown;
}

/** Progress for anything slower than ~300 ms, announced politely. */
export function Busy({ busy, label }: { busy: boolean; label: string }) {
  const shown = useDelayed(busy);
  if (!shown) return null;
  return (
    <span className="busy" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </span>
  );
}
