import { useState } from 'react';
import { call } from '../../bridge';
import { download } from './download';

type Scope =
  | { changeId: string }
  | { range: { connectionId: string; siteId: string; from: string; to: string } };

/** Markdown and JSON exports of one change, or of a time range as an incident timeline. */
export function ExportButtons({ scope, label }: { scope: Scope; label: string }) {
  const [message, setMessage] = useState('');
  async function run(format: 'markdown' | 'json') {
    const r = await call('changes.export', { format, ...scope });
    if (!r.ok) return setMessage(r.error.message);
    download(r.value.fileName, r.value.mime, r.value.text);
    setMessage(
      `Exported ${r.value.fileName} (${r.value.count} change${r.value.count === 1 ? '' : 's'}).`,
    );
  }
  return (
    <div className="row" role="group" aria-label={label}>
      <button type="button" onClick={() => void run('markdown')}>
        Export Markdown
      </button>
      <button type="button" onClick={() => void run('json')}>
        Export JSON
      </button>
      <span className="muted small" role="status">
        {message}
      </span>
    </div>
  );
}
