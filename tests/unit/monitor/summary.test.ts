// Tooltip, tray menu model and the Waybar status line.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, formatBytes } from '../../../src/main/monitor/alerts';
import {
  WINDOWS_TOOLTIP_MAX,
  serviceLine,
  tooltipText,
  trayMenuModel,
  waybarStatus,
} from '../../../src/main/monitor/summary';
import { appError } from '../../../src/shared/errors';
import { DAY, GB, HOUR, T0, makeService, makeSnapshot } from './fixtures';

const NOW = T0 + 5 * 60_000;

describe('formatting', () => {
  it('sizes and service lines', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(100 * GB)).toBe('100 GB');
    expect(formatBytes(2 * 1024 * GB)).toBe('2 TB');
    const s = makeService({ usedBytes: Math.round(45.2 * GB), expiresAt: NOW + 12.5 * DAY });
    expect(serviceLine(s, NOW)).toBe('StarterPack #4 — 45.2 GB of 100 GB used · 12 days left');
    expect(serviceLine({ ...s, expiresAt: NOW + 31.5 * HOUR }, NOW)).toBe(
      'StarterPack #4 — 45.2 GB of 100 GB used · 31 h left',
    );
    expect(serviceLine({ ...s, expiresAt: NOW - HOUR }, NOW)).toBe(
      'StarterPack #4 — 45.2 GB of 100 GB used · expired',
    );
    expect(serviceLine({ ...s, totalBytes: 0, expiresAt: null }, NOW)).toBe('StarterPack #4 — 45.2 GB used');
  });
});

describe('tooltipText', () => {
  const snapshot = makeSnapshot([makeService({ usedBytes: 50 * GB, expiresAt: NOW + 3 * DAY })], T0);

  it('lists services, the update time and the last error', () => {
    expect(tooltipText(snapshot, NOW)).toBe(
      'XMPlus\nStarterPack #4 — 50 GB of 100 GB used · 3 days left\nUpdated 5 min ago',
    );
    expect(
      tooltipText(snapshot, NOW, { error: appError('network', 'Could not reach the panel.') }),
    ).toContain('\nLast refresh failed: Could not reach the panel.');
    expect(tooltipText(null, NOW)).toBe('XMPlus\nNo data yet');
  });

  it('fits the Windows limit when asked', () => {
    const many = makeSnapshot(
      [1, 2, 3, 4].map((id) => makeService({ id, packageName: `Plan number ${id}` })),
      T0,
    );
    const text = tooltipText(many, NOW, { maxLength: WINDOWS_TOOLTIP_MAX });
    expect(text.length).toBe(WINDOWS_TOOLTIP_MAX);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('trayMenuModel', () => {
  it('one line per service, status, then the actions', () => {
    const a = makeService({ id: 1, packageName: 'A', usedBytes: 90 * GB });
    const b = makeService({ id: 2, packageName: 'B', sublink: '' });
    const items = trayMenuModel(makeSnapshot([a, b], T0), DEFAULT_THRESHOLDS, NOW);
    expect(items.filter((i) => i.type === 'service').map((i) => [i.serviceId, i.level])).toEqual([
      [1, 'warning'],
      [2, 'ok'],
    ]);
    expect(items.filter((i) => i.type === 'action').map((i) => [i.id, i.label, i.enabled])).toEqual([
      ['refresh', 'Refresh now', true],
      ['copy-sublink', 'Copy subscription link', true],
      ['export', 'Export…', true],
      ['open', 'Open', true],
      ['quit', 'Quit', true],
    ]);
    expect(items.some((i) => i.type === 'status' && i.label === 'Updated 5 min ago')).toBe(true);
  });

  it('tells same-named plans apart by id', () => {
    const twins = makeSnapshot(
      [makeService({ id: 7, packageName: 'Pro' }), makeService({ id: 9, packageName: 'Pro' })],
      T0,
    );
    const labels = trayMenuModel(twins, DEFAULT_THRESHOLDS, NOW).flatMap((i) =>
      'label' in i ? [i.label] : [],
    );
    expect(new Set(labels.filter((l) => l.startsWith('Pro'))).size).toBe(2);
    expect(labels).toContain('Copy subscription link — Pro #7');
  });

  it('names the plan on each copy item when several have links; disables refresh while refreshing', () => {
    const items = trayMenuModel(
      makeSnapshot([makeService({ id: 1, packageName: 'A' }), makeService({ id: 2, packageName: 'B' })], T0),
      DEFAULT_THRESHOLDS,
      NOW,
      { refreshing: true },
    );
    const actions = items.flatMap((i) => (i.type === 'action' ? [i] : []));
    expect(actions.find((i) => i.id === 'refresh')).toMatchObject({ label: 'Refreshing…', enabled: false });
    expect(actions.filter((i) => i.id === 'copy-sublink').map((i) => [i.label, i.serviceId])).toEqual([
      ['Copy subscription link — A #1', 1],
      ['Copy subscription link — B #2', 2],
    ]);
  });

  it('signed out: no data, refresh and export disabled, Open and Quit still there', () => {
    const items = trayMenuModel(null, DEFAULT_THRESHOLDS, NOW, { signedIn: false });
    expect(items[0]).toEqual({ type: 'status', label: 'Signed out', enabled: false });
    const enabled = Object.fromEntries(
      items.flatMap((i) => (i.type === 'action' ? [[i.id, i.enabled]] : [])),
    );
    expect(enabled).toEqual({ refresh: false, 'copy-sublink': false, export: false, open: true, quit: true });
  });
});

describe('waybarStatus', () => {
  it('shows the most urgent plan, its level as class and its used percent', () => {
    const calm = makeService({ id: 1, usedBytes: 10 * GB, expiresAt: NOW + 20 * DAY });
    const urgent = makeService({ id: 2, usedBytes: Math.round(91.6 * GB), expiresAt: NOW + 12.2 * DAY });
    const status = waybarStatus(makeSnapshot([calm, urgent], T0), DEFAULT_THRESHOLDS, NOW);
    expect({ ...status, tooltip: undefined }).toEqual({
      text: '91% · 12d',
      tooltip: undefined,
      class: 'warning',
      percentage: 92,
    });
    expect(status.tooltip.split('\n')).toHaveLength(4);
    expect(JSON.stringify(status)).not.toContain('\n'); // one line for Waybar
  });

  it('critical under a day, hours under 48 h', () => {
    const s = makeService({ usedBytes: 20 * GB, expiresAt: NOW + 20 * HOUR });
    expect(waybarStatus(makeSnapshot([s], T0), DEFAULT_THRESHOLDS, NOW)).toMatchObject({
      text: '20% · 20h',
      class: 'critical',
      percentage: 20,
    });
  });

  it('expired, no data, and a failed refresh with old data', () => {
    const expired = makeService({ expiresAt: NOW - DAY, usedBytes: 5 * GB });
    expect(waybarStatus(makeSnapshot([expired], T0), DEFAULT_THRESHOLDS, NOW)).toMatchObject({
      text: 'expired',
      class: 'expired',
      percentage: 100,
    });
    const error = appError('auth', 'Signed out: sign in again.');
    expect(waybarStatus(null, DEFAULT_THRESHOLDS, NOW, error)).toEqual({
      text: '?',
      tooltip: 'XMPlus\nNot updated: Signed out: sign in again.',
      class: 'error',
      percentage: 0,
    });
    const stale = waybarStatus(makeSnapshot([makeService()], T0), DEFAULT_THRESHOLDS, NOW, error);
    expect(stale.class).toBe('ok');
    expect(stale.tooltip).toContain('Last refresh failed: Signed out: sign in again.');
  });
});
