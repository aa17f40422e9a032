import { useEffect, useState } from 'react';
import { useRouter } from '../../app/router-store';
import type { LogModel } from './log-model';
import { MAX_MARKS } from './marks';
import type { Row } from './row';
import { tracePath } from '../trace/route';
import { copyRowJson } from './RowDetail';

/**
 * What an operator does to one line from the keyboard or the toolbar: mark it (m), move between
 * marks (] [), copy it as JSON (c), trace its event (t). Short confirmations fade after 4 s.
 */
export function useLineActions(
  model: LogModel,
  selected: Row | undefined,
  pick: (row: Row) => void,
) {
  const navigate = useRouter((s) => s.navigate);
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(undefined), 4000);
    return () => clearTimeout(t);
  }, [notice]);

  const mark = (row: Row) => {
    if (!model.marks.has(row) && model.marks.size >= MAX_MARKS)
      return setNotice(`At most ${MAX_MARKS} marks per view: unmark one first.`);
    model.toggleMark(row);
  };
  const onListKey = (key: string, row: Row | undefined): boolean => {
    if (!row || row.status === 'gap') return false;
    if (key === 'm') mark(row);
    else if (key === 'c')
      void copyRowJson(row).then((r) =>
        setNotice(
          r.ok
            ? 'Copied the line as JSON.'
            : 'The clipboard was refused: use Copy as JSON in the detail.',
        ),
      );
    else if (key === 't' && row.eventId) navigate(tracePath(row.eventId));
    else return false;
    return true;
  };
  const goMark = (dir: 1 | -1) => {
    const from = selected ? model.indexAtOrAfter(selected) : dir === 1 ? -1 : model.viewLength;
    const row = model.viewRow(model.markIndex(from, dir));
    if (row) pick(row);
  };
  let marksInView = 0;
  for (const r of model.marks.rows()) if (model.indexOf(r) >= 0) marksInView++;
  return { notice, mark, onListKey, goMark, marksInView };
}
