import { AlertsBanner } from '../features/alerts/AlertsBanner';
import { CommandPalette } from '../features/command-palette/CommandPalette';
import { DrillIndicator } from '../features/drills/DrillIndicator';
import { NoticesBanner } from '../features/notices/NoticesBanner';
import { OfflineBanner } from '../features/offline/OfflineBanner';

/** Frame-wide status under the top bar, on every screen: offline/stale data, running drills, notices. */
export function FrameBanners() {
  return (
    <div className="frame-banners">
      <OfflineBanner />
      <AlertsBanner />
      <DrillIndicator />
      <NoticesBanner />
    </div>
  );
}

export function FrameOverlays() {
  return <CommandPalette />;
}
