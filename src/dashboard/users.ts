/**
 * The people who may log in to the dashboard, kept in the store next to the data they read
 * (SQLite or PostgreSQL, the same Kysely layer). Only the scrypt hash is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Generated, Kysely } from 'kysely';
import { UsageError } from '../core/types.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { decoyHash, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';

// Type aliases, not interfaces: Kysely's withTables() needs index-compatible shapes.
export type DashboardUsersTable = {
  id: Generated<number>;
  name: string;
  password_hash: string;
  /** SHA-256 (hex) of the user's API token; null when none was issued. */
  api_token_hash: string | null;
  created_at: string;
  updated_at: string;
};

type DashboardTables = {
  dashboard_users: DashboardUsersTable;
};

export interface DashboardUser {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

export function checkUserName(name: string): string {
  if (!USER_NAME.test(name)) throw new UsageError(`user name "${name}" is not allowed: 1–64 letters, digits, . _ @ -`);
  return name;
}

export function checkNewPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new UsageError(`the password may have at most ${MAX_PASSWORD_LENGTH} characters`);
  return password;
}

export class UserRepository {
  private readonly db: Kysely<Database & DashboardTables>;

  constructor(store: Store) {
    this.db = store.db.withTables<DashboardTables>();
  }

  /** Adds a user, or sets a new password when `replace` is true and the user exists. */
  async add(name: string, password: string, opts: { replace?: boolean; now?: Date } = {}): Promise<{ user: DashboardUser; created: boolean }> {
    checkUserName(name);
    const hash = await hashPassword(checkNewPassword(password));
    const at = (opts.now ?? new Date()).toISOString();
    const existing = await this.db.selectFrom('dashboard_users').select('id').where('name', '=', name).executeTakeFirst();
    if (existing && !opts.replace) throw new UsageError(`user "${name}" exists already (to set a new password: praxiswache user add ${name} --replace)`);
    if (existing) {
      await this.db.updateTable('dashboard_users').set({ password_hash: hash, updated_at: at }).where('id', '=', existing.id).execute();
    } else {
      await this.db.insertInto('dashboard_users').values({ name, password_hash: hash, api_token_hash: null, created_at: at, updated_at: at }).execute();
    }
    const user = await this.get(name);
    if (!user) throw new Error(`user ${name} vanished while it was written`);
    return { user, created: !existing };
  }

  async get(name: string): Promise<DashboardUser | undefined> {
    const row = await this.db.selectFrom('dashboard_users').select(['id', 'name', 'created_at', 'updated_at']).where('name', '=', name).executeTakeFirst();
    return row ? { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at } : undefined;
  }

  async list(): Promise<DashboardUser[]> {
    const rows = await this.db.selectFrom('dashboard_users').select(['id', 'name', 'created_at', 'updated_at']).orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('dashboard_users').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async remove(name: string): Promise<void> {
    const result = await this.db.deleteFrom('dashboard_users').where('name', '=', name).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new UsageError(`no user "${name}" (see: praxiswache user list)`);
  }

  /**
   * The user when name and password match, else undefined. An unknown name costs the same
   * scrypt work as a wrong password, so timing does not tell which names exist.
   */
  async authenticate(name: string, password: string): Promise<DashboardUser | undefined> {
    const row = USER_NAME.test(name)
      ? await this.db.selectFrom('dashboard_users').selectAll().where('name', '=', name).executeTakeFirst()
      : undefined;
    const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
    return ok && row ? { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at } : undefined;
  }

  /**
   * A new API token for the user (replacing any earlier one), shown once: only its SHA-256 is
   * stored. 32 random bytes need no slow hash: there is nothing to guess.
   */
  async issueToken(name: string, now = new Date()): Promise<string> {
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const result = await this.db
      .updateTable('dashboard_users')
      .set({ api_token_hash: tokenHash(token), updated_at: now.toISOString() })
      .where('name', '=', name)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new UsageError(`no user "${name}" (see: praxiswache user list)`);
    return token;
  }

  async revokeToken(name: string, now = new Date()): Promise<void> {
    const result = await this.db.updateTable('dashboard_users').set({ api_token_hash: null, updated_at: now.toISOString() }).where('name', '=', name).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new UsageError(`no user "${name}" (see: praxiswache user list)`);
  }

  /** The user an `Authorization: Bearer` token belongs to. */
  async authenticateToken(token: string): Promise<DashboardUser | undefined> {
    if (!API_TOKEN_FORMAT.test(token)) return undefined;
    const row = await this.db.selectFrom('dashboard_users').select(['id', 'name', 'created_at', 'updated_at']).where('api_token_hash', '=', tokenHash(token)).executeTakeFirst();
    return row ? { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at } : undefined;
  }
}

const API_TOKEN_PREFIX = 'pw_';
const API_TOKEN_FORMAT = /^pw_[A-Za-z0-9_-]{43}$/;
const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
