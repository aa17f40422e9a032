import { useEffect, useState } from 'react';
import { useSettings } from '../../ui/use-settings';
import { DEFAULT_BUFFER, LogModel } from './log-model';

/** A model per view, sized from the operator's `logBufferSize` setting (and kept in step with it). */
export function useLogModel(): LogModel {
  const [model] = useState(() => new LogModel(DEFAULT_BUFFER));
  const size = useSettings()?.logBufferSize;
  useEffect(() => {
    if (size) model.resize(size);
  }, [model, size]);
  return model;
}
