import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import type { Scenario, ScenarioName } from '../../../shared/contract';
import { call } from '../../bridge';
import type { Target } from '../../app/target';

interface DrillsState {
  scenarios: Scenario[];
  error: BridgeError | undefined;
  busy: ScenarioName | 'all' | 'list' | undefined;
  load(t: Target): Promise<void>;
  start(t: Target, name: ScenarioName): Promise<void>;
  clear(t: Target, name?: ScenarioName): Promise<void>;
}

/** Scenario state of the sandbox; shared by the Drills screen and the frame's "drill running" pill. */
export const useDrills = create<DrillsState>((set) => {
  async function run(busy: DrillsState['busy'], op: () => ReturnType<typeof call<'drills.list'>>) {
    set({ busy });
    const r = await op();
    set(
      r.ok
        ? { scenarios: r.value.scenarios, error: undefined, busy: undefined }
        : { error: r.error, busy: undefined },
    );
  }
  return {
    scenarios: [],
    error: undefined,
    busy: undefined,
    load: (t) => run('list', () => call('drills.list', t)),
    start: (t, scenario) => run(scenario, () => call('drills.start', { ...t, scenario })),
    clear: (t, scenario) =>
      run(scenario ?? 'all', () => call('drills.clear', scenario ? { ...t, scenario } : t)),
  };
});
