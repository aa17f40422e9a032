import type { ProviderKey } from '../../../shared/contract/providers';
import type { Scenario, ScenarioName } from '../../../shared/contract/sandbox';
import { ScenarioName as ScenarioNameSchema } from '../../../shared/contract/sandbox';
import type { Conditions } from '../sim/providers';
import { SCENARIO_CATALOG } from './catalog';

/** Normal weather: rare transient errors, as a real provider has. */
const BASELINE: Conditions = { throttle: 0.002, serverError: 0.004, credentialsRevoked: false };

interface Active {
  siteId: string;
  startedAt: string;
}

/**
 * Which drills run, on which site. Runtime effects (provider answers, receiver, API latency) are
 * read from here on every request, so clearing restores normal behaviour immediately.
 */
export class ScenarioBook {
  private readonly active = new Map<ScenarioName, Active>();

  start(name: ScenarioName, siteId: string, now = new Date()): void {
    this.active.set(name, { siteId, startedAt: now.toISOString() });
  }

  clear(name: ScenarioName): boolean {
    return this.active.delete(name);
  }

  clearAll(): void {
    this.active.clear();
  }

  isActive(name: ScenarioName, siteId: string): boolean {
    return this.active.get(name)?.siteId === siteId;
  }

  list(): Scenario[] {
    return ScenarioNameSchema.options.map((name) => {
      const a = this.active.get(name);
      return {
        name,
        ...SCENARIO_CATALOG[name],
        active: !!a,
        startedAt: a?.startedAt ?? null,
        siteId: a?.siteId ?? null,
      };
    });
  }

  conditions(siteId: string, _provider: ProviderKey): Conditions {
    const c = { ...BASELINE };
    if (this.isActive('rate_limit_storm', siteId)) c.throttle = 0.7;
    // Total, as the drill says ("every provider endpoint answers 5xx"): with 3% of attempts let
    // through, one mandatory test in eleven passed its 3 attempts and a drilled site went green.
    if (this.isActive('provider_outage', siteId)) c.serverError = 1;
    if (this.isActive('credentials_revoked', siteId)) c.credentialsRevoked = true;
    return c;
  }
}
