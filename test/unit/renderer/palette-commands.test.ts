import { describe, expect, it, vi } from 'vitest';
import {
  buildCommands,
  matchCommands,
  type CommandDeps,
} from '../../../renderer/features/command-palette/commands';

const base = (): CommandDeps => ({
  routes: [{ path: 'overview', label: 'Overview', key: 'o' }],
  navigate: vi.fn(),
  refresh: vi.fn(),
  setTheme: vi.fn(),
  showHelp: vi.fn(),
});

const find = (d: CommandDeps, query: string) => matchCommands(buildCommands(d), query);

describe('command palette: drills', () => {
  it('offers no drill without the sandbox', () => {
    expect(find(base(), 'drill')).toEqual([]);
  });

  it('starts an idle drill and clears a running one, by name or title', () => {
    const start = vi.fn();
    const clear = vi.fn();
    const d: CommandDeps = {
      ...base(),
      drills: {
        scenarios: [
          { name: 'provider_outage', title: 'Provider outage', active: false },
          {
            name: 'filter_suppression',
            title: 'Purchase filter suppresses conversions',
            active: true,
          },
        ],
        start,
        clear,
      },
    };
    expect(find(d, 'drill').map((c) => c.label)).toEqual([
      'Start drill: Provider outage',
      'Clear drill: Purchase filter suppresses conversions',
      'Clear all drills',
    ]);
    find(d, 'start outage')[0]!.run();
    expect(start).toHaveBeenCalledWith('provider_outage');
    find(d, 'filter_suppression')[0]!.run();
    expect(clear).toHaveBeenCalledWith('filter_suppression');
    find(d, 'clear all drills')[0]!.run();
    expect(clear).toHaveBeenLastCalledWith('all');
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('offers "Clear all drills" only while one runs', () => {
    const d: CommandDeps = {
      ...base(),
      drills: {
        scenarios: [{ name: 'provider_outage', title: 'Provider outage', active: false }],
        start: vi.fn(),
        clear: vi.fn(),
      },
    };
    expect(find(d, 'clear all')).toEqual([]);
  });
});
