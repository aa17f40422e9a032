import type { RollbackAction } from '../workflow/entries';
import { targetName, type WebhookNames } from './target-name';

/**
 * The rollback buttons' words for the target at hand: a webhook is deactivated (its `active`
 * flag), the data layer and a provider are disabled (`enabled: false`), and only providers have a
 * test mode. "Disable provider" on a webhook page was wrong. The undo of each says the same way
 * back ("Re-enable Meta", "Reactivate webhook", "Disable test mode").
 */
export function rollbackLabel(
  action: RollbackAction,
  target: string,
  webhookNames: WebhookNames = {},
): string {
  if (action === 'restore') return 'Restore snapshot';
  if (action === 'test_mode') return 'Enable test mode';
  if (action === 'test_mode_off') return 'Disable test mode';
  if (action === 'enable') {
    if (target === 'data-layer') return 'Enable data layer';
    if (target.startsWith('webhook:')) return 'Reactivate webhook';
    return `Re-enable ${targetName(target, webhookNames)}`;
  }
  if (target === 'data-layer') return 'Disable data layer';
  if (target.startsWith('webhook:')) return 'Deactivate webhook';
  return `Disable ${targetName(target, webhookNames)}`;
}
