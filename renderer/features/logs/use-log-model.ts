import { useEffect, useState } from 'react';
import { call } from '../../bridge';
import { DEFAULT_BUFFER, LogModel } from './log-model';

/** A model per view, sized from the operator's `logBufferSize` setting. */
export function useLogModel(): LogModel {
  const [model] = useState(() => new LogModel(DEFAULT_BUFFER));
  useEffect(() => {
    void call('settings.get', {}).then((r) => {
      if (r.ok) model.resize(r.value.logBufferSize);
    });
  }, [model]);
  return model;
}
