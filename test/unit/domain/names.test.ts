import { describe, expect, it } from 'vitest';
import {
  displayTime,
  logLineTime,
  plural,
  rollbackLabel,
  targetName,
  targetNoun,
  utcTime,
} from '../../../shared/domain/names';

describe('targetName: one display name per target', () => {
  it('names providers, the data layer and webhooks, never their raw keys', () => {
    expect(targetName('ga4')).toBe('GA4');
    expect(targetName('meta')).toBe('Meta');
    expect(targetName('gads')).toBe('Google Ads');
    expect(targetName('google_ads')).toBe('Google Ads');
    expect(targetName('data-layer')).toBe('Data layer');
    expect(targetName('webhook:wh_1', { wh_1: 'Orders to ERP' })).toBe('Orders to ERP');
  });
  it('an unknown webhook gets a short, recognisable name, not its UUID', () => {
    const id = '4f1c2d3e-aaaa-bbbb-cccc-123456789abc';
    expect(targetName(`webhook:${id}`)).toBe('Webhook 4f1c2d3e');
    expect(targetName(`webhook:${id}`, { [id]: '   ' })).toBe('Webhook 4f1c2d3e');
  });
  it('says what kind of target it is for rollback labels', () => {
    expect(targetNoun('meta')).toBe('provider');
    expect(targetNoun('webhook:x')).toBe('webhook');
    expect(targetNoun('data-layer')).toBe('data layer');
  });
});

describe('the one time format', () => {
  const now = new Date(2026, 11, 1, 12, 0, 0).getTime();
  it('shows only the local time for today', () => {
    expect(displayTime(new Date(2026, 11, 1, 10, 37, 21).toISOString(), now)).toBe('10:37:21');
  });
  it('puts the date in front on another day, and the year in another year', () => {
    expect(displayTime(new Date(2026, 10, 30, 9, 5, 3).toISOString(), now)).toBe(
      '30 Nov, 09:05:03',
    );
    expect(displayTime(new Date(2025, 0, 2, 23, 59, 59).toISOString(), now)).toBe(
      '2 Jan 2025, 23:59:59',
    );
  });
  it('gives UTC for hover and exports, and a dash for nothing or garbage', () => {
    expect(utcTime('2026-12-01T10:29:03.456Z')).toBe('2026-12-01 10:29:03 UTC');
    expect(displayTime(undefined)).toBe('—');
    expect(displayTime('not a date')).toBe('—');
    expect(utcTime('')).toBe('—');
  });
});

describe('plural', () => {
  it('agrees with the count', () => {
    expect(plural(1, 'regression')).toBe('1 regression');
    expect(plural(0, 'change')).toBe('0 changes');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
    expect(plural(12000, 'event')).toBe('12,000 events');
  });
});

describe('log line times', () => {
  it('are local, to the millisecond', () => {
    const at = new Date(2026, 11, 1, 10, 37, 21, 42).toISOString();
    expect(logLineTime(at)).toBe('10:37:21.042');
  });
  it('are in UTC when the operator chose UTC (Settings → timeZone), same format', () => {
    expect(logLineTime('2026-12-01T23:37:21.042Z', 'utc')).toBe('23:37:21.042');
    expect(logLineTime(Date.parse('2026-12-01T23:37:21.042Z'), 'utc')).toBe('23:37:21.042');
    const now = Date.parse('2026-12-02T01:00:00Z');
    expect(displayTime('2026-12-02T00:10:00Z', now, 'utc')).toBe('00:10:00');
    // The day is the UTC day: just before midnight UTC is "yesterday" whatever the local zone.
    expect(displayTime('2026-12-01T23:59:59Z', now, 'utc')).toBe('1 Dec, 23:59:59');
    expect(displayTime('2025-12-01T23:59:59Z', now, 'utc')).toBe('1 Dec 2025, 23:59:59');
  });
});

describe('rollback labels fit the target', () => {
  it('deactivates a webhook, disables the data layer, disables a provider by name', () => {
    expect(rollbackLabel('disable', 'webhook:wh_1')).toBe('Deactivate webhook');
    expect(rollbackLabel('disable', 'data-layer')).toBe('Disable data layer');
    expect(rollbackLabel('disable', 'meta')).toBe('Disable Meta');
    expect(rollbackLabel('test_mode', 'ga4')).toBe('Enable test mode');
    expect(rollbackLabel('restore', 'webhook:wh_1')).toBe('Restore snapshot');
  });
});
