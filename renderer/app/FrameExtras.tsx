import { CommandPalette } from '../features/command-palette/CommandPalette';
import { DrillIndicator } from '../features/drills/DrillIndicator';
import { OfflineBanner } from '../features/offline/OfflineBanner';

/** Frame-wide status under the top bar, on every screen: offline/stale data and running drills. */
export function FrameBanners() {
  return (
    <div className="frame-banners">
      <OfflineBanner />
      <DrillIndicator />
    </div>
  );
}

export function FrameOverlays() {
  return <CommandPalette />;
}
