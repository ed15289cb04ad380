/** Sites: one practice each, with its scope, contacts, language and schedule. */
import type { Kysely } from 'kysely';
import type { Lang } from '../core/types.js';
import { UsageError } from '../core/types.js';
import type { Database, SiteRow } from './schema.js';

export interface WebhookContact {
  url: string;
  /** HMAC-SHA256 key for the signature header. */
  secret: string;
}

export interface SiteContacts {
  emails: string[];
  webhooks: WebhookContact[];
}

export interface Site {
  id: number;
  name: string;
  land: string;
  targets: string[];
  ports: string | null;
  contacts: SiteContacts;
  language: Lang;
  schedule: string;
  remindAfterHours: number;
  createdAt: string;
  updatedAt: string;
}

export type SiteInput = Omit<Site, 'id' | 'createdAt' | 'updatedAt'>;

export function siteFromRow(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    land: row.land,
    targets: JSON.parse(row.targets_json) as string[],
    ports: row.ports,
    contacts: JSON.parse(row.contacts_json) as SiteContacts,
    language: row.language === 'de' ? 'de' : 'en',
    schedule: row.schedule,
    remindAfterHours: row.remind_after_hours,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SiteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(input: SiteInput, now = new Date()): Promise<Site> {
    if (await this.get(input.name)) throw new UsageError(`site "${input.name}" exists already`);
    const at = now.toISOString();
    const row = await this.db
      .insertInto('sites')
      .values({
        name: input.name,
        land: input.land,
        targets_json: JSON.stringify(input.targets),
        ports: input.ports,
        contacts_json: JSON.stringify(input.contacts),
        language: input.language,
        schedule: input.schedule,
        remind_after_hours: input.remindAfterHours,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return siteFromRow(row);
  }

  /** By id (a number or a string of digits) or by name. */
  async get(nameOrId: string | number): Promise<Site | undefined> {
    const query = this.db.selectFrom('sites').selectAll();
    const row =
      typeof nameOrId === 'number' || /^\d+$/.test(nameOrId)
        ? await query.where('id', '=', Number(nameOrId)).executeTakeFirst()
        : await query.where('name', '=', nameOrId).executeTakeFirst();
    return row ? siteFromRow(row) : undefined;
  }

  async require(nameOrId: string | number): Promise<Site> {
    const site = await this.get(nameOrId);
    if (!site) throw new UsageError(`no site "${nameOrId}" (see: praxiswache site list)`);
    return site;
  }

  async list(): Promise<Site[]> {
    const rows = await this.db.selectFrom('sites').selectAll().orderBy('name').execute();
    return rows.map(siteFromRow);
  }

  async remove(nameOrId: string | number): Promise<Site> {
    const site = await this.require(nameOrId);
    await this.db.deleteFrom('sites').where('id', '=', site.id).execute();
    return site;
  }
}
