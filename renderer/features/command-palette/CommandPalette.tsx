import { useMemo, useState, type KeyboardEvent } from 'react';
import type { ScenarioName } from '../../../shared/contract';
import { ROUTES } from '../../app/routes';
import { useRefresh } from '../../app/refresh-store';
import { useRouter } from '../../app/router-store';
import { useSession } from '../../app/session-store';
import { useTarget } from '../../app/target';
import { useThemeChoice } from '../../app/theme';
import { useDrills } from '../drills/use-drills';
import { useNotices } from '../notices/notices-store';
import { Dialog } from '../../ui/Dialog';
import { buildCommands, matchCommands } from './commands';
import { usePalette } from './palette-store';
import { ShortcutsHelp } from './ShortcutsHelp';

const NOT_RUN = 'A command from the palette did not run';

/** Ctrl/Cmd+K: a combobox over every screen, provider, site, drill and action. */
export function CommandPalette() {
  const { open, setOpen, help, setHelp } = usePalette();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const navigate = useRouter((s) => s.navigate);
  const refresh = useRefresh((s) => s.bump);
  const setTheme = useThemeChoice((s) => s.setChoice);

  const sites = useSession((s) => s.sites);
  const selectSite = useSession((s) => s.selectSite);
  const say = useNotices((s) => s.say);
  const t = useTarget();
  const sandbox = t?.kind === 'sandbox';
  // The same query as the frame's drill banner (shared cache): no request of its own. Not gated on
  // the palette being open: the command runs after the palette has closed.
  const { scenarios, run: runDrill } = useDrills(sandbox ? t.target : undefined);
  const drillList = useMemo(
    () =>
      scenarios.map((x) => {
        const on = x.active
          ? sites.find((s) => s.connectionId === t?.target.connectionId && s.siteId === x.siteId)
          : undefined;
        return {
          name: x.name,
          title: x.title,
          active: x.active,
          ...(on ? { site: on.label } : {}),
        };
      }),
    [scenarios, sites, t?.target.connectionId],
  );
  const all = useMemo(() => {
    // A drill run from the palette has no screen to show its error on: the frame says it.
    const drillOp = (op: { start?: ScenarioName; clear?: ScenarioName | 'all' }, what: string) =>
      void runDrill(op).then(
        (r) => !r.ok && say('error', `${what} failed: ${r.error.message}`, NOT_RUN),
        (e: unknown) => say('error', `${what} failed: ${String(e)}`, NOT_RUN),
      );
    return buildCommands({
      routes: ROUTES.filter((r) => sandbox || !r.sandboxOnly),
      navigate,
      refresh,
      setTheme,
      showHelp: () => setHelp(true),
      sites,
      selectSite,
      ...(sandbox
        ? {
            drills: {
              scenarios: drillList,
              start: (name) => drillOp({ start: name }, `Starting the drill ${name}`),
              clear: (name) =>
                drillOp(
                  { clear: name },
                  name === 'all' ? 'Clearing the drills' : `Clearing the drill ${name}`,
                ),
            },
          }
        : {}),
    });
  }, [navigate, refresh, setTheme, setHelp, sites, selectSite, sandbox, drillList, runDrill, say]);
  const shown = matchCommands(all, query).slice(0, 12);
  const current = Math.min(active, shown.length - 1);

  function close() {
    setOpen(false);
    setQuery('');
    setActive(0);
  }
  function run(index: number) {
    const cmd = shown[index];
    if (!cmd) return;
    close();
    // After the dialog has closed and returned focus, so navigation focus is not fought over.
    setTimeout(() => cmd.run(), 0);
  }
  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(1, shown.length));
    else if (e.key === 'ArrowUp')
      setActive((current - 1 + shown.length) % Math.max(1, shown.length));
    else if (e.key === 'Enter') run(current);
    else return;
    e.preventDefault();
  }

  return (
    <>
      <Dialog open={open} title="Command palette" onClose={close}>
        <input
          className="palette-input"
          role="combobox"
          aria-label="Type a command or screen"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={shown[current] ? `cmd-${shown[current].id}` : undefined}
          autoFocus
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
        />
        <ul id="palette-list" role="listbox" aria-label="Commands" className="palette-list">
          {shown.map((c, i) => (
            <li
              key={c.id}
              id={`cmd-${c.id}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'palette-item active' : 'palette-item'}
              onMouseDown={(e) => {
                e.preventDefault();
                run(i);
              }}
            >
              <span>{c.label}</span>
              {c.hint && <kbd>{c.hint}</kbd>}
            </li>
          ))}
          {shown.length === 0 && <li className="muted">No command matches “{query}”.</li>}
        </ul>
      </Dialog>
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
    </>
  );
}
