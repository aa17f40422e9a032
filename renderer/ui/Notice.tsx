import type { ReactNode } from 'react';

type Tone = 'info' | 'warning' | 'error' | 'success';

/** A calm, specific message block; errors are announced to screen readers (role=alert). */
export function Notice({
  tone,
  title,
  children,
  action,
}: {
  tone: Tone;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <strong>{title}</strong>
      {children && <div>{children}</div>}
      {action && <div className="notice-action">{action}</div>}
    </div>
  );
}
