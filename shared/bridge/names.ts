/**
 * The names of every bridge call and event, and their Electron channels, without zod: the preload
 * needs only these, and importing the table would bundle zod and every schema into it. table.ts
 * checks at compile time that these lists and the table's keys are the same sets.
 */
export const CALL_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'connections.list',
  'connections.save',
  'connections.remove',
  'connections.test',
  'sites.list',
  'sites.save',
  'sites.remove',
  'integrations.list',
  'integrations.get',
  'integrations.test',
  'integrations.logs',
  'integrations.mappings',
  'health.get',
  'dataLayer.get',
  'webhooks.list',
  'webhooks.get',
  'webhooks.test',
  'webhooks.logs',
  'api.cancel',
  'diagnostics.list',
  'drills.list',
  'drills.start',
  'drills.clear',
  'snapshots.targets',
  'snapshots.list',
  'snapshots.get',
  'snapshots.take',
  'snapshots.compare',
  'snapshots.markKnownGood',
  'snapshots.export',
  'snapshots.import',
  'snapshots.drift',
  'tail.start',
  'tail.stop',
  'tail.visibility',
  'tail.keepalive',
  'changes.start',
  'changes.startWebhookCreate',
  'changes.startRestore',
  'changes.baseline',
  'changes.get',
  'changes.list',
  'changes.openFor',
  'changes.saveDraft',
  'changes.preview',
  'changes.apply',
  'changes.test',
  'changes.health',
  'changes.startMonitoring',
  'changes.close',
  'changes.rollback',
  'changes.note',
  'changes.export',
  'runbooks.get',
  'runbooks.list',
  'runbooks.save',
  'checklist.get',
] as const;

export const EVENT_NAMES = [
  'app.notice',
  'settings.changed',
  'connectivity.changed',
  'snapshots.changed',
  'tail.batch',
  'changes.changed',
  'changes.anomaly',
  'changes.monitor',
  'runbooks.changed',
] as const;

export type CallNameList = (typeof CALL_NAMES)[number];
export type EventNameList = (typeof EVENT_NAMES)[number];

/** Electron channel names, derived from the names so neither side spells them by hand. */
export const callChannel = (name: CallNameList) => `ops:call:${name}`;
export const eventChannel = (name: EventNameList) => `ops:event:${name}`;
