import { SitePicker } from './SitePicker';
import { useSession } from './session-store';

export function TopBar() {
  const info = useSession((s) => s.info);
  return (
    <header className="topbar">
      <span className="brand">Integration Ops</span>
      <SitePicker />
      <span className="spacer" />
      {info && (
        <span className="muted small" title={`Data folder: ${info.dataDir}`}>
          v{info.version} · {info.mode === 'browser' ? 'browser mode' : 'desktop'}
        </span>
      )}
    </header>
  );
}
