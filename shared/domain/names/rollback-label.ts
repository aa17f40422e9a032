import type { RollbackAction } from '../workflow/entries';
import { targetName, type WebhookNames } from './target-name';

/**
 * The rollback buttons' words for the target at hand: a webhook is deactivated (its `active`
 * flag), the data layer and a provider are disabled (`enabled: false`), and only providers have a
 * test mode. "Disable provider" on a webhook page was wrong.
 */
export function rollbackLabel(
  action: RollbackAction,
  target: string,
  webhookNames: WebhookNames = {},
): string {
  if (action === 'restore') return 'Restore snapshot';
  if (action === 'test_mode') return 'Enable test mode';
  if (target === 'data-layer') return 'Disable data layer';
  if (target.startsWith('webhook:')) return 'Deactivate webhook';
  return `Disable ${targetName(target, webhookNames)}`;
}
