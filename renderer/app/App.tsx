import { Suspense } from 'react';
import { DEFAULT_ROUTE, ROUTES } from './routes';
import { useRouter } from './router-store';
import { useSession } from './session-store';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useTheme } from './theme';
import { Notice } from '../ui/Notice';
import { FrameBanners, FrameOverlays } from './FrameExtras';
import { useShortcuts } from './shortcuts';

/** A stable empty list: a selector returning a fresh [] each time would loop the store subscription. */
const NO_NOTICES: string[] = [];

export function App() {
  const loadError = useSession((s) => s.loadError);
  const notices = useSession((s) => s.info?.notices ?? NO_NOTICES);
  const segments = useRouter((s) => s.segments);
  useTheme();
  useShortcuts();

  const route =
    ROUTES.find((r) => r.path === segments[0]) ?? ROUTES.find((r) => r.path === DEFAULT_ROUTE)!;
  const Screen = route.screen;

  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar />
      <FrameBanners />
      <Sidebar current={route.path} />
      <main id="main" className="content" tabIndex={-1} aria-label={route.label}>
        {loadError && (
          <Notice tone="error" title="The app core did not answer">
            {loadError}
          </Notice>
        )}
        {notices.map((n) => (
          <Notice key={n} tone="warning" title="Attention">
            {n}
          </Notice>
        ))}
        <Suspense
          fallback={
            <p className="muted" role="status">
              Loading {route.label}…
            </p>
          }
        >
          <Screen />
        </Suspense>
      </main>
      <FrameOverlays />
    </div>
  );
}
