/**
 * The store: one typed Kysely layer over SQLite or PostgreSQL. Repositories hang off it by
 * concern; the methods other packages call (saveScan, getFinding, listFindings, getSite) sit
 * on the store itself.
 */
import type { Kysely } from 'kysely';
import type { ScanReport } from '../core/types.js';
import { AlertRepository } from './alerts.js';
import { BaselineRepository } from './baselines.js';
import type { StoreKind } from './dialect.js';
import { FindingRepository, type FindingFilter, type StoredFinding } from './findings.js';
import type { Database } from './schema.js';
import { ScanRepository } from './scans.js';
import { SiteRepository, type Site } from './sites.js';
import { loadSnapshot, type ScanSnapshot } from './snapshot.js';

export class Store {
  readonly sites: SiteRepository;
  readonly scans: ScanRepository;
  readonly findings: FindingRepository;
  readonly baselines: BaselineRepository;
  readonly alerts: AlertRepository;

  constructor(
    readonly db: Kysely<Database>,
    readonly kind: StoreKind,
    /** Where the data lives, safe to print (a PostgreSQL password is masked). */
    readonly location: string,
  ) {
    this.sites = new SiteRepository(db);
    this.scans = new ScanRepository(db);
    this.findings = new FindingRepository(db);
    this.baselines = new BaselineRepository(db);
    this.alerts = new AlertRepository(db);
  }

  /** Stores a complete (or interrupted) scan report; returns the scan id. */
  saveScan(siteId: number | null, report: ScanReport): Promise<number> {
    return this.scans.save(siteId, report);
  }

  getFinding(id: number): Promise<StoredFinding | undefined> {
    return this.findings.get(id);
  }

  listFindings(filter: FindingFilter = {}): Promise<StoredFinding[]> {
    return this.findings.list(filter);
  }

  getSite(nameOrId: string | number): Promise<Site | undefined> {
    return this.sites.get(nameOrId);
  }

  snapshot(scanId: number): Promise<ScanSnapshot | undefined> {
    return loadSnapshot(this.db, scanId);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
