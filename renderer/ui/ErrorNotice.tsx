import type { BridgeError } from '../../shared/bridge';
import { describeError } from './describe-error';
import { Notice } from './Notice';

export function ErrorNotice({ error, onRetry }: { error: BridgeError; onRetry?: () => void }) {
  const { title, hint } = describeError(error);
  return (
    <Notice
      tone="error"
      title={title}
      action={
        onRetry ? (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        ) : undefined
      }
    >
      <span>{hint}</span>
      {error.issues && error.issues.length > 0 && (
        <ul className="issues">
          {error.issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
