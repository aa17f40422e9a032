import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** The navigation of the app frame; each screen is its feature's entry, loaded on first visit. */
export interface RouteDef {
  path: string;
  label: string;
  /** Single-key shortcut after "g" (g o = overview), shown in the command palette. */
  key: string;
  screen: LazyExoticComponent<ComponentType>;
  /** Shown in the navigation only when the selected site is on the embedded sandbox (drills). */
  sandboxOnly?: boolean;
}

export const ROUTES: RouteDef[] = [
  {
    path: 'overview',
    label: 'Overview',
    key: 'o',
    screen: lazy(() => import('../features/overview/OverviewScreen')),
  },
  {
    path: 'alerts',
    label: 'Alerts',
    key: 'a',
    screen: lazy(() => import('../features/alerts/AlertsScreen')),
  },
  {
    path: 'fleet',
    label: 'Fleet',
    key: 'f',
    screen: lazy(() => import('../features/fleet/FleetScreen')),
  },
  {
    path: 'providers',
    label: 'Providers',
    key: 'p',
    screen: lazy(() => import('../features/providers/ProvidersScreen')),
  },
  {
    path: 'webhooks',
    label: 'Webhooks',
    key: 'w',
    screen: lazy(() => import('../features/webhooks/WebhooksScreen')),
  },
  {
    path: 'logs',
    label: 'Logs',
    key: 't',
    screen: lazy(() => import('../features/logs/LogsScreen')),
  },
  {
    path: 'trace',
    label: 'Trace',
    key: 'e',
    screen: lazy(() => import('../features/trace/TraceScreen')),
  },
  {
    path: 'data-layer',
    label: 'Data layer',
    key: 'l',
    screen: lazy(() => import('../features/data-layer/DataLayerScreen')),
  },
  {
    path: 'snapshots',
    label: 'Snapshots',
    key: 'n',
    screen: lazy(() => import('../features/snapshots/SnapshotsScreen')),
  },
  {
    path: 'changes',
    label: 'Changes',
    key: 'h',
    screen: lazy(() => import('../features/changes/ChangesScreen')),
  },
  {
    path: 'runbooks',
    label: 'Runbooks',
    key: 'r',
    screen: lazy(() => import('../features/runbooks/RunbooksScreen')),
  },
  {
    path: 'checklist',
    label: 'Checklist',
    key: 'k',
    screen: lazy(() => import('../features/checklist/ChecklistScreen')),
  },
  {
    path: 'drills',
    label: 'Drills',
    key: 'd',
    sandboxOnly: true,
    screen: lazy(() => import('../features/drills/DrillsScreen')),
  },
  {
    path: 'diagnostics',
    label: 'Diagnostics',
    key: 'i',
    screen: lazy(() => import('../features/diagnostics/DiagnosticsScreen')),
  },
  {
    path: 'connections',
    label: 'Connections',
    key: 'c',
    screen: lazy(() => import('../features/connections/ConnectionsScreen')),
  },
  {
    path: 'settings',
    label: 'Settings',
    key: 's',
    screen: lazy(() => import('../features/settings/SettingsScreen')),
  },
];

export const DEFAULT_ROUTE = 'overview';
