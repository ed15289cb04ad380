/**
 * De-duplication: given the deviations still open from earlier scans and the ones the current
 * scan shows, decide what to tell. One alert per change, a reminder when an open deviation has
 * not been mentioned for `remindAfterMs`, an all-clear when deviations are gone.
 */
import type { AlertItem } from '../store/alerts.js';
import type { Deviation } from './deviations.js';

export interface AlertPlan {
  /** Deviations seen for the first time: open items and send one change alert. */
  toOpen: Deviation[];
  /** Still open and not mentioned for a while: send one reminder. */
  toRemind: AlertItem<Deviation>[];
  /** No longer there: resolve and send one all-clear. */
  toResolve: AlertItem<Deviation>[];
}

export function planAlerts(
  open: readonly AlertItem<Deviation>[],
  current: readonly Deviation[],
  opts: { now: Date; remindAfterMs: number; scanComplete: boolean },
): AlertPlan {
  const openKeys = new Set(open.map((i) => i.key));
  const currentKeys = new Set(current.map((d) => d.key));
  const toOpen = current.filter((d, i) => !openKeys.has(d.key) && current.findIndex((x) => x.key === d.key) === i);
  // An interrupted scan may simply not have reached a port: it cannot prove anything is gone.
  const toResolve = opts.scanComplete ? open.filter((i) => !currentKeys.has(i.key)) : [];
  const resolving = new Set(toResolve.map((i) => i.id));
  const toRemind = open.filter(
    (i) => !resolving.has(i.id) && opts.now.getTime() - Date.parse(i.lastAlertedAt) >= opts.remindAfterMs,
  );
  return { toOpen, toRemind, toResolve };
}
