/**
 * Alert state. An alert item is one deviation from the baseline, open from the scan that first
 * showed it until the scan that no longer does; alerts are the messages sent about items.
 * This is what makes "one alert per change" possible across scans and restarts.
 */
import type { Kysely } from 'kysely';
import type { AlertRow, Database } from './schema.js';

export interface AlertItem<Detail = unknown> {
  id: number;
  siteId: number;
  key: string;
  kind: string;
  detail: Detail;
  openedAt: string;
  openedScanId: number;
  lastAlertedAt: string;
  resolvedAt: string | null;
}

export type AlertKind = 'change' | 'reminder' | 'all-clear';

export interface DeliveryOutcome {
  channel: 'email' | 'webhook';
  /** Masked: never a full address with credentials or a secret. */
  target: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

export class AlertRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async openItems<Detail>(siteId: number): Promise<AlertItem<Detail>[]> {
    const rows = await this.db
      .selectFrom('alert_items')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('resolved_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      key: r.item_key,
      kind: r.kind,
      detail: JSON.parse(r.detail_json) as Detail,
      openedAt: r.opened_at,
      openedScanId: r.opened_scan_id,
      lastAlertedAt: r.last_alerted_at,
      resolvedAt: r.resolved_at,
    }));
  }

  async openItem<Detail>(siteId: number, scanId: number, item: { key: string; kind: string; detail: Detail }, at: string): Promise<AlertItem<Detail>> {
    const row = await this.db
      .insertInto('alert_items')
      .values({
        site_id: siteId,
        item_key: item.key,
        kind: item.kind,
        detail_json: JSON.stringify(item.detail),
        opened_at: at,
        opened_scan_id: scanId,
        last_alerted_at: at,
        resolved_at: null,
        resolved_scan_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, siteId, key: item.key, kind: item.kind, detail: item.detail, openedAt: at, openedScanId: scanId, lastAlertedAt: at, resolvedAt: null };
  }

  async markAlerted(ids: readonly number[], at: string): Promise<void> {
    if (ids.length) await this.db.updateTable('alert_items').set({ last_alerted_at: at }).where('id', 'in', [...ids]).execute();
  }

  async resolve(ids: readonly number[], scanId: number, at: string): Promise<void> {
    if (ids.length) {
      await this.db.updateTable('alert_items').set({ resolved_at: at, resolved_scan_id: scanId }).where('id', 'in', [...ids]).execute();
    }
  }

  async record(alert: {
    siteId: number;
    scanId: number;
    kind: AlertKind;
    itemIds: readonly number[];
    subject: string;
    deliveries: readonly DeliveryOutcome[];
    at: string;
  }): Promise<number> {
    const row = await this.db
      .insertInto('alerts')
      .values({
        site_id: alert.siteId,
        scan_id: alert.scanId,
        kind: alert.kind,
        created_at: alert.at,
        item_ids_json: JSON.stringify(alert.itemIds),
        subject: alert.subject,
        delivery_json: JSON.stringify(alert.deliveries),
        delivered: alert.deliveries.some((d) => d.ok) ? 1 : 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async list(siteId?: number): Promise<AlertRow[]> {
    let query = this.db.selectFrom('alerts').selectAll();
    if (siteId !== undefined) query = query.where('site_id', '=', siteId);
    return query.orderBy('id').execute();
  }
}
