import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { RunbookFields, type RollbackControl } from '../../../shared/domain/workflow/runbook';

/** Which knob when, per target: the documented controls (enabled, testMode, restore) with each provider's usual failure modes. */
const CONTROLS: Record<string, RollbackControl[]> = {
  ga4: [
    {
      control: 'test_mode',
      when: 'Payload or parameter errors (GA4 validation warnings): keep logging while investigating, nothing reaches the property.',
    },
    {
      control: 'disable',
      when: 'Data going to the wrong property or personal data in parameters: stop forwarding at once.',
    },
    {
      control: 'restore',
      when: 'Volume drop after a mapping or filter change: restore the last known-good snapshot and retest.',
    },
  ],
  meta: [
    {
      control: 'disable',
      when: 'Access token revoked or expired (401/190): stop forwarding, rotate the token, then re-enable.',
    },
    {
      control: 'test_mode',
      when: 'Event match quality or deduplication problems: log only while checking the payloads.',
    },
    {
      control: 'restore',
      when: 'Events missing in Events Manager after a change: restore the known-good mapping and retest.',
    },
  ],
  gads: [
    {
      control: 'test_mode',
      when: 'Conversions double counted or wrong values: log only while checking.',
    },
    { control: 'disable', when: 'Wrong conversion action or account: stop uploads at once.' },
    {
      control: 'restore',
      when: 'Conversion volume drop after a change: restore the known-good snapshot and retest.',
    },
  ],
  webhook: [
    {
      control: 'disable',
      when: 'Receiver down or rejecting deliveries: deactivate the webhook to stop retries piling up.',
    },
    {
      control: 'restore',
      when: 'Wrong URL, events or auth after a change: restore the known-good snapshot and test.',
    },
  ],
  'data-layer': [
    { control: 'disable', when: 'The data layer breaks the site or floods events: disable it.' },
    {
      control: 'restore',
      when: 'Events renamed or lost after a reverse-mapping change: restore the known-good snapshot.',
    },
  ],
};

export function defaultRunbook(target: SnapshotTarget) {
  const kind = target.startsWith('webhook:') ? 'webhook' : target;
  return RunbookFields.parse({ rollbackControls: CONTROLS[kind] ?? [] });
}
