/** Sites, scans with hosts/ports/services, findings with history, baselines, alerts. */
import type { Kysely } from 'kysely';
import { autoIdColumn, storeKindOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current types
export async function up(db: Kysely<any>): Promise<void> {
  const [idType, idColumn] = autoIdColumn(storeKindOf(db));

  await db.schema
    .createTable('sites')
    .addColumn('id', idType, idColumn)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('land', 'text', (c) => c.notNull())
    .addColumn('targets_json', 'text', (c) => c.notNull())
    .addColumn('ports', 'text')
    .addColumn('contacts_json', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('remind_after_hours', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scans')
    .addColumn('id', idType, idColumn)
    .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('targets_json', 'text', (c) => c.notNull())
    .addColumn('scanner_version', 'text', (c) => c.notNull())
    .addColumn('runner', 'text')
    .addColumn('host_count', 'integer', (c) => c.notNull())
    .addColumn('port_count', 'integer', (c) => c.notNull())
    .addColumn('finding_count', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('scans_site_started').on('scans').columns(['site_id', 'started_at']).execute();

  await db.schema
    .createTable('hosts')
    .addColumn('id', idType, idColumn)
    .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('hostname', 'text')
    .execute();
  await db.schema.createIndex('hosts_scan').on('hosts').column('scan_id').execute();

  await db.schema
    .createTable('ports')
    .addColumn('id', idType, idColumn)
    .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('host_id', 'integer', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ports_scan').on('ports').column('scan_id').execute();
  await db.schema.createIndex('ports_host').on('ports').column('host_id').execute();

  await db.schema
    .createTable('services')
    .addColumn('port_id', 'integer', (c) => c.primaryKey().references('ports.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tls', 'integer', (c) => c.notNull())
    .addColumn('product', 'text')
    .addColumn('version', 'text')
    .addColumn('banner', 'text')
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', idType, idColumn)
    .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('personal_data', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('first_scan_id', 'integer', (c) => c.notNull())
    .addColumn('last_scan_id', 'integer', (c) => c.notNull())
    .addColumn('resolved_scan_id', 'integer')
    .execute();
  await db.schema.createIndex('findings_site_fingerprint').on('findings').columns(['site_id', 'fingerprint']).execute();

  await db.schema
    .createTable('scan_findings')
    .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id').onDelete('cascade'))
    .addColumn('finding_id', 'integer', (c) => c.notNull().references('findings.id').onDelete('cascade'))
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('personal_data', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_findings_pk', ['scan_id', 'finding_id'])
    .execute();

  await db.schema
    .createTable('baselines')
    .addColumn('id', idType, idColumn)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('scan_id', 'integer', (c) => c.notNull().references('scans.id'))
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('alert_items')
    .addColumn('id', idType, idColumn)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_scan_id', 'integer', (c) => c.notNull())
    .addColumn('last_alerted_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_scan_id', 'integer')
    .execute();
  await db.schema.createIndex('alert_items_site').on('alert_items').columns(['site_id', 'resolved_at']).execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', idType, idColumn)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('scan_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('item_ids_json', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('delivery_json', 'text', (c) => c.notNull())
    .addColumn('delivered', 'integer', (c) => c.notNull())
    .execute();
}
