import { randomBytes } from 'node:crypto';
import type { Site } from '../../../shared/bridge';
import { conditionsOf } from '../../../shared/domain/alerts/conditions';
import type { Alert, WatchEvent } from '../../../shared/domain/alerts/schema';
import type { AlertsDoc } from './alert-store';
import type { TargetSight } from './read-site';

export const newAlertId = (now: Date) =>
  `alr-${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;

/**
 * Folds one round of one site into the connection's document: a condition not active before is
 * raised as a new alert (once: it stays active, and is not raised again, until a round no longer
 * sees it), a condition gone marks its alert cleared; health flips, drift seen and gone, and
 * configuration changes nobody made through this app become timeline events. `outside` holds the
 * targets whose `updatedAt` moved without a change of ours. Returns the alerts raised.
 */
export function applyRound(
  doc: AlertsDoc,
  site: Site,
  sights: readonly TargetSight[],
  outside: ReadonlySet<string>,
  now: Date,
  /** When the round began reading: a write of ours after it shows in the next round's reads. */
  readAt: Date = now,
): Alert[] {
  const at = now.toISOString();
  const event = (target: string, kind: WatchEvent['kind'], text: string, alertId?: string) =>
    doc.events.push({
      at,
      connectionId: site.connectionId,
      siteId: site.siteId,
      target,
      kind,
      text,
      ...(alertId ? { alertId } : {}),
    });

  for (const s of sights) {
    const key = `${site.siteId}/${s.reading.target}`;
    const before = doc.seen[key];
    const name = s.reading.name;
    if (before?.status && s.status && before.status !== s.status)
      event(s.reading.target, 'health_changed', `${name}: health ${before.status} -> ${s.status}`);
    const drifted = s.reading.drift?.drifted;
    if (drifted && !before?.drifted)
      event(
        s.reading.target,
        'drift_seen',
        `${name}: drift from known-good v${s.reading.drift!.knownGoodVersion} first seen (${s.reading.drift!.summary})`,
      );
    if (drifted === false && before?.drifted)
      event(
        s.reading.target,
        'drift_gone',
        `${name}: matches known-good v${s.reading.drift!.knownGoodVersion} again`,
      );
    if (outside.has(s.reading.target))
      event(
        s.reading.target,
        'outside_change',
        `${name}: configuration changed outside this app (server updatedAt ${before?.updatedAt ?? '?'} -> ${s.updatedAt ?? '?'})`,
      );
    doc.seen[key] = {
      at: readAt.toISOString(),
      ...(s.status ? { status: s.status } : {}),
      ...((s.updatedAt ?? before?.updatedAt)
        ? { updatedAt: s.updatedAt ?? before?.updatedAt }
        : {}),
      ...(drifted !== undefined ? { drifted } : {}),
      ...(s.reading.usual ? { usual: s.reading.usual } : {}),
    };
  }

  const conditions = conditionsOf({
    siteLabel: site.label,
    now: at,
    targets: sights.map((s) => s.reading),
  });
  const prefix = `${site.siteId}|`;
  const present = new Set(conditions.map((c) => prefix + c.key));
  for (const [key, alertId] of Object.entries(doc.active)) {
    if (!key.startsWith(prefix) || present.has(key)) continue;
    delete doc.active[key];
    const alert = doc.alerts.find((a) => a.id === alertId);
    if (alert && !alert.clearedAt) alert.clearedAt = at;
  }
  const raised: Alert[] = [];
  for (const c of conditions) {
    const key = prefix + c.key;
    if (doc.active[key]) continue;
    const alert: Alert = {
      id: newAlertId(now),
      connectionId: site.connectionId,
      siteId: site.siteId,
      siteLabel: site.label,
      target: c.target,
      kind: c.kind,
      title: c.title,
      detail: c.detail,
      raisedAt: at,
      state: 'open',
    };
    doc.alerts.push(alert);
    doc.active[key] = alert.id;
    event(c.target, 'alert_raised', `Alert raised: ${c.title} — ${c.detail}`, alert.id);
    raised.push(alert);
  }
  return raised;
}

/**
 * The targets of a round whose configuration `updatedAt` moved since the last round while no
 * apply or rollback of ours touched them in between (`ours` answers that from the change journal).
 */
export async function outsideChanges(
  doc: AlertsDoc,
  site: Site,
  sights: readonly TargetSight[],
  ours: (target: string, since: string) => Promise<boolean>,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const s of sights) {
    const before = doc.seen[`${site.siteId}/${s.reading.target}`];
    if (!before?.updatedAt || !s.updatedAt || before.updatedAt === s.updatedAt) continue;
    if (!(await ours(s.reading.target, before.at))) out.add(s.reading.target);
  }
  return out;
}
