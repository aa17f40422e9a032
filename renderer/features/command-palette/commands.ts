import { PROVIDER_KEYS } from '../../../shared/contract';
import type { ScenarioName } from '../../../shared/contract';
import { targetName } from '../../../shared/domain/names';

export interface Command {
  id: string;
  label: string;
  hint?: string;
  run(): void;
}

export interface CommandDeps {
  routes: { path: string; label: string; key: string }[];
  navigate(path: string): void;
  refresh(): void;
  setTheme(choice: 'light' | 'dark' | 'system'): void;
  showHelp(): void;
  /** The saved sites, to switch to any of them. */
  sites?: { id: string; label: string }[];
  selectSite?(id: string): void;
  /** The sandbox's drills, when the selected site is on the sandbox (nothing to rehearse elsewhere). */
  drills?: {
    /** `site`: the label of the site a running drill is on (a drill runs on one site). */
    scenarios: { name: ScenarioName; title: string; active: boolean; site?: string }[];
    start(name: ScenarioName): void;
    clear(name: ScenarioName | 'all'): void;
  };
}

/** Rollbacks the palette opens on a provider's page; the page still asks before anything is sent. */
const PALETTE_ROLLBACKS = [
  ['disable', (name: string) => `Disable ${name}…`],
  ['test_mode', (name: string) => `Enable test mode on ${name}…`],
  ['restore', (name: string) => `Restore snapshot of ${name}…`],
  ['enable', (name: string) => `Re-enable ${name}…`],
] as const;

/**
 * Everything the palette offers: screens, each provider's page and its Start change, rollbacks,
 * drills (on the sandbox), site switching and frame actions.
 */
export function buildCommands(d: CommandDeps): Command[] {
  const screens = d.routes.map((r) => ({
    id: `go:${r.path}`,
    label: `Go to ${r.label}`,
    hint: `g ${r.key}`,
    run: () => d.navigate(r.path),
  }));
  const providers = PROVIDER_KEYS.flatMap((p) => [
    {
      id: `provider:${p}`,
      label: `Open ${targetName(p)}`,
      hint: p,
      run: () => d.navigate(`providers/${p}`),
    },
    // Edits go through the runbook: this lands on the provider page with "Start change" focused.
    {
      id: `change:${p}`,
      label: `Start change on ${targetName(p)} (edit config)`,
      hint: p,
      run: () => d.navigate(`providers/${p}/edit`),
    },
  ]);
  // Each lands on the provider page with that rollback's confirmation open (one more click sends it).
  const rollbacks = PROVIDER_KEYS.flatMap((p) =>
    PALETTE_ROLLBACKS.map(([action, label]) => ({
      id: `rollback:${p}:${action}`,
      label: label(targetName(p)),
      hint: `rollback ${p}`,
      run: () => d.navigate(`providers/${p}/rollback/${action}`),
    })),
  );
  // Drills change only the sandbox, so they run at once, as the Drills screen's buttons do.
  const drillList = d.drills?.scenarios ?? [];
  const drills = drillList.map((s) =>
    s.active
      ? {
          id: `drill:clear:${s.name}`,
          label: `Clear drill: ${s.title}${s.site ? ` (on ${s.site})` : ''}`,
          hint: `drill ${s.name}`,
          run: () => d.drills?.clear(s.name),
        }
      : {
          id: `drill:start:${s.name}`,
          label: `Start drill: ${s.title}`,
          hint: `drill ${s.name}`,
          run: () => d.drills?.start(s.name),
        },
  );
  if (drillList.some((s) => s.active))
    drills.push({
      id: 'drill:clear:all',
      label: 'Clear all drills',
      hint: 'drill',
      run: () => d.drills?.clear('all'),
    });
  const sites = (d.sites ?? []).map((s) => ({
    id: `site:${s.id}`,
    label: `Switch to site ${s.label}`,
    hint: 'site',
    run: () => d.selectSite?.(s.id),
  }));
  return [
    ...screens,
    ...providers,
    ...rollbacks,
    ...drills,
    ...sites,
    { id: 'refresh', label: 'Refresh data', hint: 'r', run: d.refresh },
    { id: 'theme:light', label: 'Theme: light', run: () => d.setTheme('light') },
    { id: 'theme:dark', label: 'Theme: dark', run: () => d.setTheme('dark') },
    { id: 'theme:system', label: 'Theme: follow system', run: () => d.setTheme('system') },
    { id: 'help', label: 'Keyboard shortcuts', hint: '?', run: d.showHelp },
  ];
}

/** Case-insensitive match on every word of the query, so "st ga" finds "Start change on GA4". */
export function matchCommands(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands;
  return commands.filter((c) => {
    const hay = `${c.label} ${c.hint ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
