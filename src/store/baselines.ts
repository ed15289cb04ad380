/** Approved baselines: the scan a practice accepted as its normal state. The newest one counts. */
import type { Kysely } from 'kysely';
import { UsageError } from '../core/types.js';
import type { BaselineRow, Database } from './schema.js';

export class BaselineRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async approve(siteId: number, scanId: number, approvedBy: string, note: string | null = null, now = new Date()): Promise<BaselineRow> {
    const scan = await this.db.selectFrom('scans').select(['site_id', 'status']).where('id', '=', scanId).executeTakeFirst();
    if (!scan) throw new UsageError(`no scan ${scanId}`);
    if (scan.site_id !== siteId) throw new UsageError(`scan ${scanId} does not belong to this site`);
    if (scan.status !== 'finished') throw new UsageError(`scan ${scanId} is ${scan.status}: only a finished scan can be a baseline`);
    return this.db
      .insertInto('baselines')
      .values({ site_id: siteId, scan_id: scanId, approved_at: now.toISOString(), approved_by: approvedBy, note })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async current(siteId: number): Promise<BaselineRow | undefined> {
    return this.db
      .selectFrom('baselines')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('approved_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
}
