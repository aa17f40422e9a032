import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** The navigation of the app frame; each screen is its feature's entry, loaded on first visit. */
export interface RouteDef {
  path: string;
  label: string;
  /** Single-key shortcut after "g" (g o = overview), shown in the command palette. */
  key: string;
  screen: LazyExoticComponent<ComponentType>;
}

export const ROUTES: RouteDef[] = [
  { path: 'connections', label: 'Connections', key: 'c', screen: lazy(() => import('../features/connections/ConnectionsScreen')) },
  { path: 'settings', label: 'Settings', key: 's', screen: lazy(() => import('../features/settings/SettingsScreen')) },
];

export const DEFAULT_ROUTE = 'connections';
