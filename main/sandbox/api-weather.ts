import { HttpError } from './errors';
import type { ScenarioBook } from './scenarios/book';
import type { Prng } from './sim/prng';
import type { Scheduler } from './sim/scheduler';

/**
 * The management API's own bad days (api_slow, api_flaky), applied per site before routing, so
 * the client's timeouts, retries and offline mode meet the real thing.
 */
export async function apiWeather(
  siteId: string,
  scenarios: ScenarioBook,
  rng: Prng,
  scheduler: Scheduler,
): Promise<void> {
  const id = siteId.toLowerCase();
  if (scenarios.isActive('api_slow', id)) await scheduler.sleep(rng.int(2000, 5000));
  if (scenarios.isActive('api_flaky', id) && rng.chance(0.35)) {
    if (rng.chance(0.5)) {
      const wait = rng.int(1, 3);
      throw new HttpError(429, `Too many requests; retry in ${wait} s`, undefined, undefined, {
        'retry-after': String(wait),
      });
    }
    throw new HttpError(503, 'Service temporarily unavailable', undefined, undefined, {
      'retry-after': '1',
    });
  }
}
