import { describe, expect, it } from 'vitest';
import { attachAnomalyNotifications } from '../../../main/electron/notifications';
import { EventHub } from '../../../main/host/event-hub';
import { BrowserWindow, Notification } from '../../fakes/electron';

/** One window with the notifications attached; `created` collects every notification shown. */
function attached() {
  const hub = new EventHub();
  const win = new BrowserWindow({});
  Notification.shown.length = 0;
  const created: Notification[] = [];
  const original = Notification.prototype.show;
  Notification.prototype.show = function (this: Notification) {
    created.push(this);
    original.call(this);
  };
  const stop = attachAnomalyNotifications(
    hub,
    () => [win as never],
    () => win as never,
  );
  const detach = () => {
    Notification.prototype.show = original;
    stop();
  };
  return { hub, win, created, detach };
}

describe('anomaly notifications under Electron', () => {
  it('shows a native notification for changes.anomaly only, and a click opens that change', () => {
    const { hub, win, created, detach } = attached();
    hub.emit('app.notice', { level: 'info', message: 'not an anomaly' });
    expect(Notification.shown).toHaveLength(0);
    hub.emit('changes.anomaly', {
      changeId: 'chg-1a2b3c',
      connectionId: 'sandbox',
      siteId: '0b9f6a52-6c1d-4e8a-9a1e-5d2c7b3f4e10',
      target: 'meta',
      title: 'Meta: volume down',
      body: 'purchase forwarded 0% vs 98% at baseline',
      anomalies: [],
    });
    expect(Notification.shown).toEqual([
      { title: 'Meta: volume down', body: 'purchase forwarded 0% vs 98% at baseline' },
    ]);
    created[0]!.emit('click');
    expect(win.loadedUrl).toBe('app://ops/index.html#/changes/chg-1a2b3c');
    detach();
  });

  it('shows a native notification for a raised alert, and a click opens it on the Alerts screen', () => {
    const { hub, win, created, detach } = attached();
    hub.emit('alerts.raised', {
      id: 'alr-abc123-1f2e3d',
      connectionId: 'sandbox',
      siteId: '0b9f6a52-6c1d-4e8a-9a1e-5d2c7b3f4e10',
      siteLabel: 'Demo store',
      target: 'meta',
      kind: 'health',
      title: 'Meta failing on Demo store',
      detail: 'credentials: OAuth 190',
      raisedAt: '2026-12-01T10:00:00.000Z',
      state: 'open',
    });
    expect(Notification.shown).toEqual([
      { title: 'Meta failing on Demo store', body: 'credentials: OAuth 190' },
    ]);
    created[0]!.emit('click');
    expect(win.loadedUrl).toBe('app://ops/index.html#/alerts/alr-abc123-1f2e3d');
    detach();
  });
});
