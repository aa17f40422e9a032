import { useEffect, useState } from 'react';
import { call } from '../bridge';

/** The operator's refresh interval (Settings), 30 s until it is known. */
export function useRefreshInterval(): number {
  const [seconds, setSeconds] = useState(30);
  useEffect(() => {
    void call('settings.get', {}).then((r) => {
      if (r.ok) setSeconds(r.value.refreshIntervalSec);
    });
  }, []);
  return seconds;
}
