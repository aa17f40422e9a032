import { SitePicker } from './SitePicker';
import { useSelectedSite, useSession } from './session-store';
import { EnvironmentBadge } from '../features/environment/EnvironmentBadge';
import { usePalette } from '../features/command-palette/palette-store';

export function TopBar() {
  const info = useSession((s) => s.info);
  const connection = useSelectedSite()?.connection;
  return (
    <header className={connection ? `topbar env-frame env-${connection.color}` : 'topbar'}>
      <span className="brand">Integration Ops</span>
      <SitePicker />
      {connection && <EnvironmentBadge connection={connection} />}
      <span className="spacer" />
      <button
        type="button"
        className="palette-button"
        onClick={() => usePalette.getState().setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K"
      >
        Commands <kbd>Ctrl K</kbd>
      </button>
      {info && (
        <span className="muted small" title={`Data folder: ${info.dataDir}`}>
          v{info.version} · {info.mode === 'browser' ? 'browser mode' : 'desktop'}
        </span>
      )}
    </header>
  );
}
